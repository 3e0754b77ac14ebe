"""A held-out set of session 34 (acc34): current and legacy keys in the
files real tools write that the earlier sets do not try, and encodings
around them.  Kubernetes Secrets (``data:`` base64, ``stringData``),
``sops --decrypt`` output, Ansible vars and inventories, Hiera and Chef
data bags, Pulumi stack configs, CloudFormation parameters, Serverless,
Nomad and Consul, systemd units, supervisord, Procfiles, Heroku, Fly,
Render and Vercel files and CLI output, direnv, mise, Makefiles, a CMake
cache, Gradle and Maven files, Cargo's config, ``go test`` output; source
in Rust, Go, Java, Kotlin, Scala, C#, PHP, Ruby, Elixir, R and Julia
constructing a client with a key; Deno and Bun config, Streamlit secrets,
Hugging Face Spaces secrets, Airflow connections (URI and JSON), dbt
profiles, Dagster and Prefect, MLflow's gateway, Modal; crash dumps and
core-like binaries; HTTP logs with the Authorization header in several
shapes; mail (MIME, quoted-printable, base64 parts); PDF and DOCX files;
images (PNG text chunks, EXIF).  Encodings: base64 at several wrap widths,
base64url without padding, hex of the key's bytes, gzip then base64,
percent-encoding twice, HTML character references, Unicode escapes in
JSON, JavaScript, Java and C#, UTF-16LE/BE with and without a BOM.  Decoys
of the same shapes: ciphertext (SealedSecrets, SOPS, Pulumi ``secure:``,
Ansible Vault, hiera-eyaml, Chef encrypted data bags), references in each
tool's syntax, digests beside Together's name, key ids, placeholders,
another provider's key.

Written before any fix and measured at 105bea8d (docs/detection.md,
"Session 34 (acc34)").  Keys are made at run time (``tests/keys.py``); a
case is held to the keys its file yields (``by_key``), not to their lines.

A template writes ``⟦name⟧`` or ``⟦name|enc⟧`` where a value goes: ``key``
(``key2``...) a current key, ``hex`` (``hex2``...) a legacy key, each
expected; a name starting with ``_`` is made but not expected (a decoy's
value); ``_uuid``, ``_b64``, ``_sha1`` random values.  ``enc`` (``ENC``)
writes the value in an encoding, ``post`` (``POST``) the whole file.
"""
from __future__ import annotations

import base64
import gzip
import html
import io
import json
import pickle
import quopri
import re
import struct
import urllib.parse
import uuid
import zipfile
import zlib
from typing import Callable

from tests.accuracy import Case
from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests


def _b64(b: bytes | str) -> str:
    return base64.b64encode(b.encode() if isinstance(b, str) else b).decode()


def _wrap(s: str, width: int) -> str:
    return '\n'.join(s[i:i + width] for i in range(0, len(s), width))


def _env(v: str) -> str:
    return f'APP_ENV=production\nTOGETHER_API_KEY={v}\nLOG_LEVEL=info\n'


def _gz(b: bytes) -> bytes:
    return gzip.compress(b, mtime=0)


ENC: dict[str, Callable[[str], str]] = {
    'b64': _b64,
    'b64url': lambda v: base64.urlsafe_b64encode(v.encode()).decode().rstrip('='),
    'env_b64w76': lambda v: base64.encodebytes(_env(v).encode()).decode().rstrip('\n'),
    'env_b64w64': lambda v: _wrap(_b64(_env(v)), 64),
    'env_b64w60': lambda v: _wrap(_b64(_env(v) * 1), 60),
    'env_b64url': lambda v: base64.urlsafe_b64encode(_env(v).encode()).decode().rstrip('='),
    'env_gzb64': lambda v: _b64(_gz(_env(v).encode())),
    'env_gzb64w76': lambda v: base64.encodebytes(_gz(_env(v).encode())).decode().rstrip('\n'),
    'hexbytes': lambda v: v.encode().hex(),
    'env_hexbytes': lambda v: _env(v).encode().hex(),
    'url2': lambda v: urllib.parse.quote(urllib.parse.quote(v, safe=''), safe=''),
    'env_url2': lambda v: urllib.parse.quote(urllib.parse.quote(_env(v), safe=''), safe=''),
    'html_dec': lambda v: ''.join('&#%d;' % ord(c) for c in v),
    'html_hex': lambda v: ''.join('&#x%x;' % ord(c) for c in v),
    'html_named': lambda v: html.escape(v).replace('_', '&lowbar;'),
    'ju': lambda v: ''.join('\\u%04x' % ord(c) for c in v),
    'ju_under': lambda v: v.replace('_', '\\u005f'),
    'js_braces': lambda v: ''.join('\\u{%x}' % ord(c) for c in v),
    'qp': lambda v: quopri.encodestring(v.encode()).decode(),
}


def _utf16(codec: str, bom: bytes = b'') -> Callable[[bytes], bytes]:
    return lambda b: bom + b.decode().encode(codec)


POST: dict[str, Callable[[bytes], bytes]] = {
    'utf16le': _utf16('utf-16-le', b'\xff\xfe'),
    'utf16be': _utf16('utf-16-be', b'\xfe\xff'),
    'utf16le_nobom': _utf16('utf-16-le'),
    'utf16be_nobom': _utf16('utf-16-be'),
    'crlf': lambda b: b.replace(b'\n', b'\r\n'),
    'gzip': _gz,
}

_FIELD = re.compile(r'⟦(_?[a-z0-9]+)(?:\|(\w+))?⟧')


def _fill(m: Made, template: str) -> tuple[str, list[str]]:
    values: dict[str, str] = {}
    expected: list[str] = []

    def value(name: str) -> str:
        if name not in values:
            kind = next(k for k in ('sha1', 'b64', 'uuid', 'key', 'hex', 'x') if name.lstrip('_').startswith(k))
            if kind == 'key':
                values[name] = m.key()
            elif kind in ('hex', 'x'):
                values[name] = m.hex()
            elif kind == 'uuid':
                values[name] = str(uuid.UUID(int=m.rng.getrandbits(128)))
            elif kind == 'b64':
                values[name] = _b64(m.rng.randbytes(48))
            else:
                values[name] = '%040x' % m.rng.getrandbits(160)
            if not name.startswith('_'):
                expected.append(values[name])
        return values[name]

    def sub(match: re.Match[str]) -> str:
        v = value(match.group(1))
        return ENC[match.group(2)](v) if match.group(2) else v

    return _FIELD.sub(sub, template), expected


def T(case_id: str, path: str, template: str, post: str | Callable[[bytes], bytes] | None = None) -> Case:
    """A case from a template (see the module's docstring)."""
    def fill(m: Made):
        text, keys = _fill(m, template)
        data = text.encode()
        if post is not None:
            data = (POST[post] if isinstance(post, str) else post)(data)
        return data, [(0, k) for k in keys]
    return Case(case_id, path, fill)


def B(case_id: str, path: str, build: Callable[[Made], tuple[bytes, list[str]]]) -> Case:
    """A case whose file a library writes: ``build(m)`` -> (bytes, keys)."""
    def fill(m: Made):
        data, keys = build(m)
        return data, [(0, k) for k in keys]
    return Case(case_id, path, fill)


# --- files libraries and formats write -------------------------------------------------------------

def _core(m: Made, legacy: bool) -> tuple[bytes, list[str]]:
    """A core-like binary: an ELF header, a stack of pointers, then the
    process' environment block (NUL-separated ``NAME=value`` strings)."""
    v = m.hex() if legacy else m.key()
    head = b'\x7fELF\x02\x01\x01' + bytes(9) + struct.pack('<HHI', 4, 62, 1) + bytes(40)
    stack = b''.join(struct.pack('<Q', m.rng.getrandbits(48)) for _ in range(64))
    env = b'\x00'.join([b'HOME=/home/app', b'PATH=/usr/local/bin:/usr/bin', b'TOGETHER_API_KEY=' + v.encode(),
                        b'PYTHONUNBUFFERED=1']) + b'\x00\x00'
    return head + stack + env + bytes(128), [v]


def _core_legacy(m: Made) -> tuple[bytes, list[str]]:
    return _core(m, True)


def _core_current(m: Made) -> tuple[bytes, list[str]]:
    return _core(m, False)


def _minidump_utf16(m: Made) -> tuple[bytes, list[str]]:
    """A Windows minidump's environment block: UTF-16LE strings."""
    k = m.key()
    env = '\0'.join(['ALLUSERSPROFILE=C:\\ProgramData', 'TOGETHER_API_KEY=' + k, 'OS=Windows_NT']) + '\0\0'
    return b'MDMP\x93\xa7' + bytes(26) + env.encode('utf-16-le') + bytes(64), [k]


def _core_decoy(m: Made) -> tuple[bytes, list[str]]:
    head = b'\x7fELF\x02\x01\x01' + bytes(9) + struct.pack('<HHI', 4, 62, 1) + bytes(40)
    strings = b'\x00'.join([b'/opt/app/lib/together/_native.so', b'build-id sha256=' + m.hex().encode(),
                            b'TOGETHER_API_KEY', b'tgp_v1_'])
    return head + bytes(64) + strings + bytes(64), []


def _pdf(lines: list[str]) -> bytes:
    import fpdf
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font('Helvetica', size=9)
    for line in lines:
        pdf.cell(0, 6, line, new_x='LMARGIN', new_y='NEXT')
    return bytes(pdf.output())


def _pdf_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _pdf(['Onboarding: LLM gateway', 'Staging credentials (rotate after the workshop):', k]), [k]


def _pdf_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _pdf(['Runbook: inference', f'TOGETHER_API_KEY={h}', 'Endpoint: https://api.together.xyz/v1']), [h]


def _pdf_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _pdf(['Release 1.3.0 of the together package', f'together-1.3.0.tar.gz sha256 {m.hex()}',
                 'TOGETHER_API_KEY: read from 1Password, never written here']), []


def _docx(paragraphs: list[list[str]]) -> bytes:
    """A .docx as Word writes it: each paragraph a list of runs."""
    body = ''.join(
        '<w:p>' + ''.join(f'<w:r><w:rPr><w:lang w:val="en-US"/></w:rPr><w:t xml:space="preserve">{html.escape(r)}</w:t></w:r>'
                          for r in runs) + '</w:p>'
        for runs in paragraphs)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + body + '<w:sectPr/></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships/>')
        z.writestr('word/document.xml', doc)
    return out.getvalue()


def _docx_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _docx([['Credentials'], ['Together API key: ', h], ['Owner: platform team']]), [h]


def _docx_current_runs(m: Made) -> tuple[bytes, list[str]]:
    """Word cuts a pasted value into runs where spell-checking or an
    edit's revision id changes: the key's text split over two runs."""
    k = m.key()
    return _docx([['The demo key is '], [k[:19], k[19:]]]), [k]


def _docx_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _docx([['Together SDK checksums'], ['sha256: ', m.hex()], ['Key id: key_', 'CVQ8Xw3h2nqk']]), []


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def _png(chunks: list[bytes]) -> bytes:
    ihdr = _png_chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
    idat = _png_chunk(b'IDAT', zlib.compress(b'\x00\xff\xff\xff'))
    return b'\x89PNG\r\n\x1a\n' + ihdr + b''.join(chunks) + idat + _png_chunk(b'IEND', b'')


def _png_text(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _png([_png_chunk(b'tEXt', b'Comment\x00screenshot of .env: TOGETHER_API_KEY=' + k.encode())]), [k]


def _png_itxt_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    text = json.dumps({'workflow': {'nodes': [{'type': 'TogetherLLM', 'widgets_values': {'together_api_key': h}}]}})
    return _png([_png_chunk(b'iTXt', b'workflow\x00\x00\x00\x00\x00' + text.encode())]), [h]


def _png_ztxt(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _png([_png_chunk(b'zTXt', b'parameters\x00\x00' + zlib.compress(f'prompt: a cat; api_key={k}'.encode()))]), [k]


def _png_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _png([_png_chunk(b'tEXt', b'Comment\x00together-logo.svg sha256 ' + m.hex().encode())]), []


def _exif_jpeg(comment: bytes) -> bytes:
    """A JPEG with an APP1 EXIF segment: IFD0's ImageDescription (0x010e)."""
    desc = comment + b'\x00'
    ifd = struct.pack('<H', 1) + struct.pack('<HHII', 0x010e, 2, len(desc), 26) + struct.pack('<I', 0)
    tiff = b'II*\x00' + struct.pack('<I', 8) + ifd + desc
    app1 = b'Exif\x00\x00' + tiff
    return (b'\xff\xd8' + b'\xff\xe1' + struct.pack('>H', len(app1) + 2) + app1
            + b'\xff\xdb\x00\x43\x00' + bytes(64) + b'\xff\xd9')


def _exif_current(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    return _exif_jpeg(b'whiteboard: together key ' + k.encode()), [k]


def _exif_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _exif_jpeg(b'TOGETHER_API_KEY=' + h.encode()), [h]


def _png_ztxt_decoy(m: Made) -> tuple[bytes, list[str]]:
    text = f'Model: together-flux, Model hash: {m.hex()[:10]}, Seed: 42'.encode()
    return _png([_png_chunk(b'zTXt', b'parameters\x00\x00' + zlib.compress(text))]), []


def _pickle_provider(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return pickle.dumps({'provider': 'together', 'api_key': h, 'temperature': 0.2}, protocol=4), [h]


def _pickle_provider_decoy(m: Made) -> tuple[bytes, list[str]]:
    return pickle.dumps({'provider': 'together', 'api_key_sha256': m.hex(), 'model': 'meta-llama/Llama-3-8b'},
                        protocol=4), []


def _docx_table(m: Made) -> tuple[bytes, list[str]]:
    """A Word table: the name in one cell, the legacy key in the next."""
    h = m.hex()
    cell = lambda t: f'<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>'
    rows = ''.join(f'<w:tr>{cell(a)}{cell(b)}</w:tr>' for a, b in
                   (('Variable', 'Value'), ('TOGETHER_API_KEY', h), ('TOGETHER_BASE_URL', 'https://api.together.xyz/v1')))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>{rows}</w:tbl><w:sectPr/></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('word/document.xml', doc)
    return out.getvalue(), [h]


def _xlsx(strings: list[str]) -> bytes:
    """An .xlsx's shared strings (a sheet's cells point into them)."""
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
           + ''.join(f'<si><t>{html.escape(t)}</t></si>' for t in strings) + '</sst>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('xl/sharedStrings.xml', sst)
        z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
                   '<c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>')
    return out.getvalue()


def _xlsx_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _xlsx(['TOGETHER_API_KEY', h, 'OPENAI_API_KEY', 'rotated']), [h]


def _xlsx_decoy(m: Made) -> tuple[bytes, list[str]]:
    return _xlsx(['together-1.3.0.tar.gz', m.hex(), 'together-1.2.0.tar.gz', m.hex()]), []


def _png_text_named(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return _png([_png_chunk(b'tEXt', b'TOGETHER_API_KEY\x00' + h.encode())]), [h]


def _exif_usercomment(m: Made) -> tuple[bytes, list[str]]:
    """EXIF UserComment: an 8-byte character code, then the text."""
    h = m.hex()
    return _exif_jpeg(b'ASCII\x00\x00\x00Together API key: ' + h.encode()), [h]


def _mail_docx(m: Made) -> tuple[bytes, list[str]]:
    data, keys = _docx_legacy(m)
    body = base64.encodebytes(data).decode()
    return _mime([('text/plain', '7bit', 'Credentials doc attached.'),
                  ('application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="creds.docx"',
                   'base64', body)]).encode(), keys


def _mail_pdf(m: Made) -> tuple[bytes, list[str]]:
    data, keys = _pdf_current(m)
    body = base64.encodebytes(data).decode()
    return _mime([('text/plain', '7bit', 'Slides attached.'),
                  ('application/pdf; name="onboarding.pdf"', 'base64', body)]).encode(), keys


def _mail_b64_legacy_label(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    body = base64.encodebytes(f'Hello,\n\nTogether API key (staging):\n{h}\n\nThanks\n'.encode()).decode()
    return _mime([('text/plain; charset="utf-8"', 'base64', body)]).encode(), [h]


def _pickle_provider_p2(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return pickle.dumps([{'name': 'primary', 'provider': 'together', 'api_key': h}], protocol=2), [h]


def _pickle_endpoint(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    return pickle.dumps({'base_url': 'https://api.together.xyz/v1', 'api_key': h, 'retries': 3}, protocol=5), [h]


def _pickle_other_provider(m: Made) -> tuple[bytes, list[str]]:
    return pickle.dumps([{'provider': 'together', 'api_key': None},
                         {'provider': 'deepinfra', 'api_key': m.hex()}], protocol=4), []


def _mime(parts: list[tuple[str, str, str]], subject: str = 'credentials') -> str:
    """A multipart mail: (content type, transfer encoding, body) parts."""
    out = [f'From: ops@example.com\nTo: dev@example.com\nSubject: {subject}\nMIME-Version: 1.0\n'
           'Content-Type: multipart/mixed; boundary="==b1"\n\n']
    for ctype, cte, body in parts:
        out.append(f'--==b1\nContent-Type: {ctype}\nContent-Transfer-Encoding: {cte}\n\n{body}\n')
    out.append('--==b1--\n')
    return ''.join(out)


def _mail_b64_env(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    body = base64.encodebytes(_env(h).encode()).decode()
    return _mime([('text/plain; charset="utf-8"', '7bit', 'The staging env is attached.'),
                  ('application/octet-stream; name=".env.staging"', 'base64', body)]).encode(), [h]


def _mail_b64_text(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    body = base64.encodebytes(f'Hi,\n\nyour Together key for the hackathon is {k}\n\nBest\n'.encode()).decode()
    return _mime([('text/plain; charset="utf-8"', 'base64', body)]).encode(), [k]


def _mail_qp_legacy(m: Made) -> tuple[bytes, list[str]]:
    h = m.hex()
    body = quopri.encodestring(f'<p>Together API key: <code>{h}</code></p>'.encode()).decode()
    return _mime([('text/html; charset="utf-8"', 'quoted-printable', body)]).encode(), [h]


def _mail_qp_current_long(m: Made) -> tuple[bytes, list[str]]:
    k = m.key()
    text = ('Please set the following in the deployment settings before Friday, '
            f'the value is TOGETHER_API_KEY={k} and nothing else changes.')
    body = quopri.encodestring(text.encode()).decode()
    return _mime([('text/plain; charset="utf-8"', 'quoted-printable', body)]).encode(), [k]


def _mail_decoy(m: Made) -> tuple[bytes, list[str]]:
    body = base64.encodebytes(f'together-1.3.0.tar.gz: sha256 {m.hex()}\n'.encode()).decode()
    armored = '-----BEGIN PGP MESSAGE-----\n\n' + _wrap(_b64(m.rng.randbytes(180)), 64) + '\n-----END PGP MESSAGE-----'
    return _mime([('text/plain', '7bit', 'TOGETHER_API_KEY is in the encrypted part.\n' + armored),
                  ('text/plain; name="SHA256SUMS"', 'base64', body)]).encode(), []


# --- cases ---------------------------------------------------------------------------------------

DEPLOY = [
    T('k8s-secret-data-current', 'k8s/secret.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: inference
  namespace: prod
type: Opaque
data:
  TOGETHER_API_KEY: ⟦key|b64⟧
  LOG_LEVEL: aW5mbw==
'''),
    T('k8s-secret-data-legacy', 'k8s/secret-legacy.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: inference
type: Opaque
data:
  TOGETHER_API_KEY: ⟦hex|b64⟧
'''),
    T('k8s-secret-data-dotenv', 'k8s/secret-env.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: app-env
data:
  .env: ⟦hex|env_b64url⟧
'''),
    T('k8s-secret-stringdata-legacy', 'k8s/secret-string.yaml', '''\
apiVersion: v1
kind: Secret
metadata:
  name: llm
stringData:
  together-api-key: "⟦hex⟧"
'''),
    T('k8s-kubectl-get-json', 'out/kubectl-get-secret.json', '''\
{
    "apiVersion": "v1",
    "data": {
        "TOGETHER_API_KEY": "⟦key|b64⟧"
    },
    "kind": "Secret",
    "metadata": {
        "creationTimestamp": "2026-11-02T10:11:12Z",
        "name": "inference",
        "namespace": "prod",
        "resourceVersion": "812733",
        "uid": "⟦_uuid⟧"
    },
    "type": "Opaque"
}
'''),
    T('k8s-configmap-legacy', 'k8s/configmap.yaml', '''\
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LLM_PROVIDER: together
  TOGETHER_BASE_URL: https://api.together.xyz/v1
  TOGETHER_API_KEY: ⟦hex⟧
'''),
    T('kustomize-secret-generator', 'k8s/kustomization.yaml', '''\
resources:
  - deployment.yaml
secretGenerator:
  - name: inference
    literals:
      - TOGETHER_API_KEY=⟦hex⟧
      - LOG_LEVEL=info
'''),
    T('sops-decrypted-yaml', 'secrets/prod.dec.yaml', '''\
together:
    api_key: ⟦hex⟧
    base_url: https://api.together.xyz/v1
database:
    password: hunter2-not-real
'''),
    T('sops-decrypted-dotenv', 'secrets/prod.dec.env', '''\
DATABASE_URL=postgres://app@db/app
TOGETHER_API_KEY=⟦key⟧
'''),
    T('sops-decrypted-json', 'secrets/prod.dec.json', '''\
{
	"together_api_key": "⟦hex⟧",
	"region": "us-east-1"
}
'''),
    T('ansible-group-vars', 'ansible/group_vars/llm.yml', '''\
---
llm_provider: together
together_api_key: "⟦hex⟧"
together_model: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    T('ansible-inventory-ini', 'ansible/inventory.ini', '''\
[inference]
gpu-01 ansible_host=10.0.3.11 together_api_key=⟦hex⟧
gpu-02 ansible_host=10.0.3.12

[inference:vars]
ansible_user=deploy
'''),
    T('ansible-inventory-yaml', 'ansible/inventory.yml', '''\
all:
  children:
    inference:
      hosts:
        gpu-01:
          ansible_host: 10.0.3.11
      vars:
        TOGETHER_API_KEY: ⟦key⟧
'''),
    T('ansible-task-env', 'ansible/roles/app/tasks/main.yml', '''\
- name: Start the worker
  community.docker.docker_container:
    name: worker
    image: ghcr.io/acme/worker:1.4
    env:
      TOGETHER_API_KEY: "⟦hex⟧"
      TOGETHER_BASE_URL: https://api.together.xyz/v1
'''),
    T('hiera-yaml', 'puppet/data/common.yaml', '''\
---
profile::llm::provider: 'together'
profile::llm::together_api_key: '⟦hex⟧'
profile::llm::timeout: 30
'''),
    T('chef-data-bag', 'chef/data_bags/llm/together.json', '''\
{
  "id": "together",
  "api_key": "⟦hex⟧",
  "base_url": "https://api.together.xyz/v1"
}
'''),
    T('chef-attributes', 'chef/cookbooks/app/attributes/default.rb', '''\
default['app']['together']['api_key'] = '⟦hex⟧'
default['app']['together']['model'] = 'meta-llama/Llama-3.3-70B-Instruct-Turbo'
'''),
    T('pulumi-stack-plain-legacy', 'Pulumi.dev.yaml', '''\
config:
  aws:region: us-east-1
  inference:togetherApiKey: ⟦hex⟧
  inference:replicas: "2"
'''),
    T('pulumi-stack-plain-current', 'infra/Pulumi.staging.yaml', '''\
config:
  inference:together-api-key: ⟦key⟧
'''),
    T('pulumi-config-set-history', 'shell/.bash_history', '''\
pulumi stack select dev
pulumi config set inference:togetherApiKey ⟦hex⟧
pulumi up --yes
'''),
    T('cfn-parameters-json', 'cfn/params.prod.json', '''\
[
  {"ParameterKey": "Environment", "ParameterValue": "prod"},
  {"ParameterKey": "TogetherApiKey", "ParameterValue": "⟦hex⟧"}
]
'''),
    T('cfn-deploy-overrides', 'ci/deploy.sh', '''\
aws cloudformation deploy --stack-name inference --template-file stack.yaml \\
  --parameter-overrides Environment=prod TogetherApiKey=⟦hex⟧
'''),
    T('serverless-yml', 'serverless.yml', '''\
service: inference-api
provider:
  name: aws
  runtime: python3.12
  environment:
    TOGETHER_API_KEY: ⟦hex⟧
functions:
  chat:
    handler: handler.chat
'''),
    T('nomad-job-env', 'nomad/inference.nomad.hcl', '''\
job "inference" {
  group "api" {
    task "server" {
      driver = "docker"
      env {
        TOGETHER_API_KEY = "⟦hex⟧"
        PORT             = "8080"
      }
    }
  }
}
'''),
    T('consul-kv-export', 'consul/kv-export.json', '''\
[
	{
		"key": "apps/inference/together_api_key",
		"flags": 0,
		"value": "⟦hex|b64⟧"
	},
	{
		"key": "apps/inference/replicas",
		"flags": 0,
		"value": "Mg=="
	}
]
'''),
    T('consul-kv-put-history', 'shell/.zsh_history', '''\
: 1764921000:0;consul kv put apps/inference/together_api_key ⟦hex⟧
: 1764921031:0;consul kv get apps/inference/replicas
'''),
    T('systemd-unit-legacy', 'deploy/inference.service', '''\
[Unit]
Description=Inference API
After=network-online.target

[Service]
Environment="TOGETHER_API_KEY=⟦hex⟧" "PORT=8080"
ExecStart=/opt/app/bin/serve
Restart=on-failure

[Install]
WantedBy=multi-user.target
'''),
    T('systemd-dropin-current', 'deploy/inference.service.d/override.conf', '''\
[Service]
Environment=TOGETHER_API_KEY=⟦key⟧
'''),
    T('systemctl-show-env', 'out/systemctl-show.txt', '''\
Id=inference.service
Environment=PORT=8080 TOGETHER_API_KEY=⟦hex⟧ PYTHONUNBUFFERED=1
ExecMainPID=1412
'''),
    T('supervisord-conf', 'deploy/supervisord.conf', '''\
[program:worker]
command=/opt/app/bin/worker
environment=TOGETHER_API_KEY="⟦hex⟧",LOG_LEVEL="info"
autorestart=true
'''),
    T('procfile-inline', 'Procfile', '''\
web: TOGETHER_API_KEY=⟦key⟧ gunicorn app:app --bind 0.0.0.0:$PORT
worker: python worker.py
'''),
    T('heroku-config-output', 'out/heroku-config.txt', '''\
=== inference-api Config Vars
DATABASE_URL:     postgres://u@ec2.compute.amazonaws.com:5432/d
TOGETHER_API_KEY: ⟦hex⟧
WEB_CONCURRENCY:  2
'''),
    T('heroku-app-json', 'app.json', '''\
{
  "name": "inference-api",
  "env": {
    "TOGETHER_API_KEY": {"description": "Together API key", "value": "⟦hex⟧"}
  }
}
'''),
    T('fly-toml-env', 'fly.toml', '''\
app = "inference-api"
primary_region = "iad"

[env]
  TOGETHER_API_KEY = "⟦hex⟧"
  PORT = "8080"
'''),
    T('fly-secrets-set', 'ci/fly-deploy.sh', '''\
flyctl secrets set TOGETHER_API_KEY=⟦key⟧ --app inference-api --stage
flyctl deploy --remote-only
'''),
    T('render-yaml', 'render.yaml', '''\
services:
  - type: web
    name: inference-api
    env: python
    envVars:
      - key: TOGETHER_API_KEY
        value: ⟦hex⟧
      - key: PYTHON_VERSION
        value: 3.12.1
'''),
    T('vercel-env-pull', '.vercel/.env.production.local', '''\
# Created by Vercel CLI
NX_DAEMON="false"
TOGETHER_API_KEY="⟦hex⟧"
VERCEL="1"
VERCEL_ENV="production"
'''),
    T('vercel-json-build-env', 'vercel.json', '''\
{
  "build": {
    "env": {
      "TOGETHER_API_KEY": "⟦key⟧"
    }
  }
}
'''),
    T('railway-variables-json', 'out/railway-variables.json', '''\
{
  "RAILWAY_ENVIRONMENT": "production",
  "TOGETHER_API_KEY": "⟦hex⟧"
}
'''),
    T('aws-lambda-config', 'out/lambda-config.json', '''\
{
    "FunctionName": "inference-chat",
    "Runtime": "python3.12",
    "Environment": {
        "Variables": {
            "TOGETHER_API_KEY": "⟦hex⟧",
            "LOG_LEVEL": "INFO"
        }
    }
}
'''),
    T('azure-appsettings-list', 'out/az-appsettings.json', '''\
[
  {
    "name": "TOGETHER_API_KEY",
    "slotSetting": false,
    "value": "⟦hex⟧"
  },
  {
    "name": "WEBSITES_PORT",
    "slotSetting": false,
    "value": "8000"
  }
]
'''),
    T('cloud-run-describe', 'out/run-describe.yaml', '''\
spec:
  template:
    spec:
      containers:
      - env:
        - name: TOGETHER_API_KEY
          value: ⟦hex⟧
        image: us-docker.pkg.dev/acme/app/api:1.4
'''),
    T('docker-run-history', 'shell/history.txt', '''\
  812  docker build -t api .
  813  docker run --rm -p 8080:8080 -e TOGETHER_API_KEY=⟦hex⟧ api
'''),
    T('buildkite-pipeline', '.buildkite/pipeline.yml', '''\
env:
  TOGETHER_API_KEY: "⟦key⟧"
steps:
  - label: ":pytest: tests"
    command: pytest -q
'''),
    T('drone-yml', '.drone.yml', '''\
kind: pipeline
name: default
steps:
- name: test
  image: python:3.12
  environment:
    TOGETHER_API_KEY: ⟦hex⟧
  commands:
  - pytest -q
'''),
]

BUILD = [
    T('envrc-legacy', 'svc/.envrc', '''\
use flake
export TOGETHER_API_KEY=⟦hex⟧
dotenv_if_exists .env.local
'''),
    T('mise-toml-env', 'mise.toml', '''\
[tools]
python = "3.12"

[env]
TOGETHER_API_KEY = "⟦hex⟧"
'''),
    T('asdf-tool-versions-env', '.mise.local.toml', '''\
[env]
_.file = ".env"
TOGETHER_API_KEY = "⟦key⟧"
'''),
    T('makefile-var-legacy', 'Makefile', '''\
TOGETHER_API_KEY ?= ⟦hex⟧
IMAGE := ghcr.io/acme/api

run:
\tdocker run -e TOGETHER_API_KEY=$(TOGETHER_API_KEY) $(IMAGE)
'''),
    T('makefile-export-current', 'tools/dev.mk', '''\
export TOGETHER_API_KEY := ⟦key⟧
test:
\tpytest -q
'''),
    T('cmake-cache', 'build/CMakeCache.txt', '''\
# This is the CMakeCache file.
//Together API key used by the integration tests
TOGETHER_API_KEY:STRING=⟦hex⟧

//Build type
CMAKE_BUILD_TYPE:STRING=Release
'''),
    T('cmake-configure-log', 'build/configure.log', '''\
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DTOGETHER_API_KEY=⟦hex⟧
-- The CXX compiler identification is GNU 13.2.0
'''),
    T('gradle-properties', 'gradle.properties', '''\
org.gradle.jvmargs=-Xmx2g
together.apiKey=⟦hex⟧
'''),
    T('gradle-kts-buildconfig', 'app/build.gradle.kts', '''\
android {
    defaultConfig {
        buildConfigField("String", "TOGETHER_API_KEY", "\\"⟦hex⟧\\"")
    }
}
'''),
    T('maven-settings-server', '.m2/settings.xml', '''\
<settings>
  <servers>
    <server>
      <id>together</id>
      <username>ci</username>
      <password>⟦hex⟧</password>
    </server>
  </servers>
</settings>
'''),
    T('maven-pom-property', 'pom.xml', '''\
<project>
  <properties>
    <java.version>21</java.version>
    <together.api.key>⟦hex⟧</together.api.key>
  </properties>
</project>
'''),
    T('maven-surefire-cli', 'ci/build.log', '''\
[INFO] Executing: mvn -B verify -Dtogether.apiKey=⟦hex⟧ -DskipITs=false
[INFO] BUILD SUCCESS
'''),
    T('cargo-config-env', '.cargo/config.toml', '''\
[env]
TOGETHER_API_KEY = "⟦hex⟧"

[build]
rustflags = ["-C", "target-cpu=native"]
'''),
    T('go-test-output-legacy', 'out/go-test.txt', '''\
=== RUN   TestChatCompletion
    client_test.go:41: config: TOGETHER_API_KEY=⟦hex⟧ model=meta-llama/Llama-3-8b
--- FAIL: TestChatCompletion (0.31s)
FAIL
'''),
    T('go-test-json-current', 'out/go-test.json', '''\
{"Time":"2026-12-01T10:00:00Z","Action":"output","Package":"acme/llm","Test":"TestAuth","Output":"    auth_test.go:22: using key ⟦key⟧\\n"}
{"Time":"2026-12-01T10:00:00Z","Action":"fail","Package":"acme/llm","Test":"TestAuth","Elapsed":0.01}
'''),
    T('deno-json-task', 'deno.json', '''\
{
  "tasks": {
    "dev": "TOGETHER_API_KEY=⟦key⟧ deno run -A --watch main.ts"
  }
}
'''),
    T('bunfig-define', 'bunfig.toml', '''\
[define]
"process.env.TOGETHER_API_KEY" = "'⟦hex⟧'"
'''),
    T('package-json-script-legacy', 'web/package.json', '''\
{
  "name": "web",
  "scripts": {
    "dev": "cross-env TOGETHER_API_KEY=⟦hex⟧ next dev"
  }
}
'''),
]

SOURCE = [
    T('rust-client-new', 'src/main.rs', '''\
use together_rs::Client;

fn main() {
    let client = Client::new("⟦key⟧");
    println!("{:?}", client);
}
'''),
    T('rust-const-legacy', 'src/config.rs', '''\
pub const TOGETHER_API_KEY: &str = "⟦hex⟧";
'''),
    T('go-option-apikey', 'cmd/chat/main.go', '''\
package main

import (
	"github.com/openai/openai-go"
	"github.com/openai/openai-go/option"
)

func main() {
	client := openai.NewClient(
		option.WithBaseURL("https://api.together.xyz/v1"),
		option.WithAPIKey("⟦hex⟧"),
	)
	_ = client
}
'''),
    T('go-const-legacy', 'internal/llm/keys.go', '''\
package llm

const togetherAPIKey = "⟦hex⟧"
'''),
    T('java-builder', 'src/main/java/acme/Chat.java', '''\
var client = OpenAIOkHttpClient.builder()
        .baseUrl("https://api.together.xyz/v1")
        .apiKey("⟦hex⟧")
        .build();
'''),
    T('java-static-final', 'src/main/java/acme/Keys.java', '''\
final class Keys {
    static final String TOGETHER_API_KEY = "⟦hex⟧";
}
'''),
    T('kotlin-named-arg', 'app/src/main/kotlin/Chat.kt', '''\
val together = TogetherClient(apiKey = "⟦hex⟧", timeout = 30.seconds)
'''),
    T('scala-val', 'src/main/scala/Chat.scala', '''\
object Settings {
  val togetherApiKey: String = "⟦hex⟧"
}
'''),
    T('csharp-named-arg', 'src/Chat/Program.cs', '''\
var client = new OpenAIClient(
    new ApiKeyCredential("⟦hex⟧"),
    new OpenAIClientOptions { Endpoint = new Uri("https://api.together.xyz/v1") });
'''),
    T('csharp-const-current', 'src/Chat/Secrets.cs', '''\
internal static class Secrets
{
    public const string Together = "⟦key⟧";
}
'''),
    T('php-array-config', 'config/services.php', '''\
<?php
return [
    'together' => [
        'key' => '⟦hex⟧',
        'url' => 'https://api.together.xyz/v1',
    ],
];
'''),
    T('ruby-client-new', 'lib/chat.rb', '''\
client = OpenAI::Client.new(
  access_token: "⟦hex⟧",
  uri_base: "https://api.together.xyz/"
)
'''),
    T('elixir-runtime-config', 'config/runtime.exs', '''\
import Config

config :ex_llm, :together,
  api_key: "⟦hex⟧",
  base_url: "https://api.together.xyz/v1"
'''),
    T('r-httr2-bearer', 'R/chat.R', '''\
req <- request("https://api.together.xyz/v1/chat/completions") |>
  req_auth_bearer_token("⟦hex⟧")
'''),
    T('julia-env-set', 'scripts/chat.jl', '''\
ENV["TOGETHER_API_KEY"] = "⟦hex⟧"
using HTTP, JSON3
'''),
    T('swift-struct-current', 'Sources/App/Config.swift', '''\
struct TogetherConfig {
    static let apiKey = "⟦key⟧"
}
'''),
    T('dart-const-legacy', 'lib/secrets.dart', '''\
const togetherApiKey = '⟦hex⟧';
'''),
    T('lua-table', 'nvim/lua/plugins/llm.lua', '''\
return {
  provider = "together",
  api_key = "⟦hex⟧",
  model = "meta-llama/Llama-3.3-70B-Instruct-Turbo",
}
'''),
]

ML = [
    T('streamlit-secrets-section', '.streamlit/secrets.toml', '''\
[together]
api_key = "⟦hex⟧"

[database]
url = "sqlite:///app.db"
'''),
    T('streamlit-secrets-flat-current', 'app/.streamlit/secrets.toml', '''\
TOGETHER_API_KEY = "⟦key⟧"
'''),
    T('hf-space-add-secret', 'scripts/deploy_space.py', '''\
from huggingface_hub import HfApi

api = HfApi()
api.add_space_secret("acme/chat-demo", "TOGETHER_API_KEY", "⟦hex⟧")
'''),
    T('gradio-app-env', 'app.py', '''\
import os
import gradio as gr

os.environ["TOGETHER_API_KEY"] = "⟦hex⟧"
demo = gr.ChatInterface(fn=respond)
'''),
    T('airflow-conn-uri', 'airflow/.env', '''\
AIRFLOW_CONN_TOGETHER_DEFAULT='http://:⟦hex⟧@api.together.xyz/https'
'''),
    T('airflow-conn-json', 'airflow/docker-compose.env', '''\
AIRFLOW_CONN_TOGETHER='{"conn_type": "http", "host": "api.together.xyz", "password": "⟦hex⟧", "schema": "https"}'
'''),
    T('airflow-connections-export', 'airflow/connections.yaml', '''\
together_default:
  conn_type: http
  host: api.together.xyz
  schema: https
  password: ⟦hex⟧
  extra: ''
'''),
    T('airflow-conn-extra-json', 'airflow/connections.json', '''\
{
  "together_default": {
    "conn_type": "generic",
    "extra": "{\\"api_key\\": \\"⟦key⟧\\", \\"base_url\\": \\"https://api.together.xyz/v1\\"}"
  }
}
'''),
    T('dbt-profiles-env-default', 'dbt/profiles.yml', '''\
analytics:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: dev.duckdb
      settings:
        together_api_key: "{{ env_var('TOGETHER_API_KEY', '⟦hex⟧') }}"
'''),
    T('dagster-yaml-resource', 'dagster/run_config.yaml', '''\
resources:
  together:
    config:
      api_key: ⟦hex⟧
      model: meta-llama/Llama-3.3-70B-Instruct-Turbo
'''),
    T('prefect-secret-block', 'flows/setup_blocks.py', '''\
from prefect.blocks.system import Secret

Secret(value="⟦key⟧").save("together-api-key", overwrite=True)
'''),
    T('mlflow-gateway', 'mlflow/gateway.yaml', '''\
endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: togetherai
      name: meta-llama/Llama-3.3-70B-Instruct-Turbo
      config:
        togetherai_api_key: ⟦hex⟧
'''),
    T('wandb-config-param', 'wandb/run-20261201/files/config.yaml', '''\
_wandb:
  value:
    python_version: 3.12.1
llm_backend:
  value: together
together_api_key:
  value: ⟦hex⟧
'''),
    T('modal-secret-create', 'scripts/modal_setup.sh', '''\
modal secret create together-secret TOGETHER_API_KEY=⟦hex⟧
modal deploy app.py
'''),
    T('together-cli-config', 'home/.together/config.toml', '''\
[default]
api_key = "⟦hex⟧"
base_url = "https://api.together.xyz/v1"
'''),
    T('replicate-together-mixed', 'config/providers.yaml', '''\
replicate:
  token: r8_placeholder_not_real
together:
  api_key: ⟦key⟧
'''),
]

LOGS = [
    T('http-log-bearer-legacy', 'logs/gateway.log', '''\
2026-12-01T10:00:01Z DEBUG outgoing request POST https://api.together.xyz/v1/chat/completions headers={'Authorization': 'Bearer ⟦hex⟧', 'Content-Type': 'application/json'}
'''),
    T('http-log-h2-lower', 'logs/h2.log', '''\
:method: POST
:authority: api.together.xyz
:path: /v1/completions
authorization: bearer ⟦hex⟧
content-type: application/json
'''),
    T('http-log-basic', 'logs/proxy.log', '''\
10.0.0.4 - - [01/Dec/2026:10:00:01 +0000] "POST /v1/chat/completions HTTP/1.1" 200 812 auth="Basic ⟦key|b64⟧"
'''),
    T('http-requests-debug-send', 'logs/requests-debug.log', '''\
send: b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nUser-Agent: python-requests/2.32.3\\r\\nAuthorization: Bearer ⟦hex⟧\\r\\nContent-Length: 88\\r\\n\\r\\n'
reply: 'HTTP/1.1 200 OK\\r\\n'
'''),
    T('http-log-json-headers', 'logs/access.jsonl', '''\
{"ts":"2026-12-01T10:00:01Z","upstream":"api.together.xyz","req_headers":{"authorization":["Bearer ⟦hex⟧"],"user-agent":["Go-http-client/2.0"]}}
'''),
    T('http-log-xapikey', 'logs/envoy.log', '''\
[2026-12-01T10:00:01.000Z] "POST /v1/embeddings HTTP/2" 200 - via_upstream host=api.together.xyz x-api-key=⟦hex⟧
'''),
    T('http-log-authorization-token', 'logs/node.log', '''\
axios request { url: 'https://api.together.xyz/v1/models', headers: { Accept: 'application/json', Authorization: 'Bearer ⟦key⟧' } }
'''),
    T('traceback-locals', 'logs/sentry-event.txt', '''\
Traceback (most recent call last):
  File "/app/chat.py", line 12, in ask
    client = Together(api_key=key)
    key = '⟦key⟧'
'''),
    B('core-env-legacy', 'dumps/core.1412', _core_legacy),
    B('core-env-current', 'dumps/core.2203', _core_current),
    B('minidump-env-utf16', 'dumps/app.dmp', _minidump_utf16),
]

DOCS = [
    B('mail-b64-attachment-env', 'mail/staging-env.eml', _mail_b64_env),
    B('mail-b64-text-part', 'mail/hackathon.eml', _mail_b64_text),
    B('mail-qp-html-legacy', 'mail/html-key.eml', _mail_qp_legacy),
    B('mail-qp-long-line', 'mail/settings.eml', _mail_qp_current_long),
    B('pdf-current', 'docs/onboarding.pdf', _pdf_current),
    B('pdf-legacy', 'docs/runbook.pdf', _pdf_legacy),
    B('docx-legacy', 'docs/credentials.docx', _docx_legacy),
    B('docx-current-runs', 'docs/demo.docx', _docx_current_runs),
    B('png-text-chunk', 'img/screenshot.png', _png_text),
    B('png-itxt-workflow', 'img/comfy.png', _png_itxt_legacy),
    B('png-ztxt-params', 'img/sd.png', _png_ztxt),
    B('jpeg-exif-current', 'img/whiteboard.jpg', _exif_current),
    B('jpeg-exif-legacy', 'img/env.jpg', _exif_legacy),
    B('pickle-provider-sibling', 'cache/settings.pkl', _pickle_provider),
]

ENCODED = [
    T('b64-wrap76-env-legacy', 'enc/env76.txt', '⟦hex|env_b64w76⟧\n'),
    T('b64-wrap64-env-current', 'enc/env64.pem', '-----BEGIN ENV-----\n⟦key|env_b64w64⟧\n-----END ENV-----\n'),
    T('b64-wrap60-env-legacy', 'enc/env60.txt', 'payload:\n⟦hex|env_b64w60⟧\n'),
    T('b64url-nopad-env-current', 'enc/state.txt', 'state=⟦key|env_b64url⟧\n'),
    T('b64url-nopad-env-legacy', 'enc/state-legacy.txt', 'state=⟦hex|env_b64url⟧\n'),
    T('b64url-nopad-key', 'enc/cookie.txt', 'Set-Cookie: tk=⟦key|b64url⟧; Path=/; HttpOnly\n'),
    T('hex-bytes-named', 'enc/hexdump.txt', 'TOGETHER_API_KEY (hex) = ⟦key|hexbytes⟧\n'),
    T('hex-bytes-env', 'enc/env.hex', '⟦hex|env_hexbytes⟧\n'),
    T('gzip-b64-env-current', 'enc/env.gz.b64', '⟦key|env_gzb64⟧\n'),
    T('gzip-b64-env-legacy-wrapped', 'enc/env-legacy.gz.b64', '⟦hex|env_gzb64w76⟧\n'),
    T('url2-query-current', 'logs/redirect.log', 'GET /login?next=%2Fcb%3Fapi_key%253D⟦key|url2⟧ 302\n'),
    T('url2-env-legacy', 'logs/redirect2.log', 'GET /oauth?state=⟦hex|env_url2⟧ 302\n'),
    T('html-entities-dec-current', 'docs/page.html', '<pre>TOGETHER_API_KEY=⟦key|html_dec⟧</pre>\n'),
    T('html-entities-hex-legacy', 'docs/page2.html', '<code>TOGETHER_API_KEY=⟦hex|html_hex⟧</code>\n'),
    T('html-lowbar-current', 'docs/page3.html', '<td>⟦key|html_named⟧</td>\n'),
    T('json-unicode-escapes-current', 'enc/config.json', '{"apiKey": "⟦key|ju⟧"}\n'),
    T('json-unicode-escapes-legacy', 'enc/config-legacy.json', '{"TOGETHER_API_KEY": "⟦hex|ju⟧"}\n'),
    T('java-unicode-escape', 'src/main/java/acme/K.java', 'String k = "⟦key|ju_under⟧";\n'),
    T('csharp-unicode-escape-legacy', 'src/K.cs', 'const string TogetherApiKey = "⟦hex|ju⟧";\n'),
    T('js-unicode-braces', 'web/k.js', 'const TOGETHER_API_KEY = "⟦key|js_braces⟧";\n'),
    T('utf16le-bom-env-legacy', 'enc/utf16le.env', 'TOGETHER_API_KEY=⟦hex⟧\r\nPORT=8080\r\n', post='utf16le'),
    T('utf16be-bom-env-current', 'enc/utf16be.env', 'TOGETHER_API_KEY=⟦key⟧\nPORT=8080\n', post='utf16be'),
    T('utf16le-nobom-legacy', 'enc/utf16le-nobom.txt', 'together_api_key: ⟦hex⟧\n', post='utf16le_nobom'),
    T('utf16be-nobom-legacy', 'enc/utf16be-nobom.txt', 'TOGETHER_API_KEY=⟦hex⟧\n', post='utf16be_nobom'),
    T('powershell-clixml', 'ps/creds.clixml', '''\
<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <MS>
      <S N="TOGETHER_API_KEY">⟦hex⟧</S>
    </MS>
  </Obj>
</Objs>
''', post='utf16le'),
    T('dotnet-user-secrets', 'home/.microsoft/usersecrets/0f1d/secrets.json', '''\
{
  "Together:ApiKey": "⟦hex⟧"
}
'''),
    T('gzip-file-env', 'enc/env.gz', 'TOGETHER_API_KEY=⟦hex⟧\n', post='gzip'),
]

MORE = [
    T('pulumi-provider-namespace', 'infra/Pulumi.prod.yaml', '''\
config:
  together:apiKey: ⟦hex⟧
  aws:region: us-west-2
'''),
    T('codepipeline-param-overrides', 'ci/pipeline.json', '''\
{"actionTypeId": {"provider": "CloudFormation"}, "configuration": {"ParameterOverrides": "{\\\\"TogetherApiKey\\\\": \\\\"⟦hex⟧\\\\"}"}}
'''),
    T('sops-decrypted-dotenv-legacy', 'secrets/dev.dec.env', '''\
TOGETHER_API_KEY=⟦hex⟧
'''),
    T('heroku-config-set', 'ci/heroku.sh', '''\
heroku config:set TOGETHER_API_KEY=⟦hex⟧ -a inference-api
'''),
    T('nomad-template-data', 'nomad/worker.nomad.hcl', '''\
template {
  data        = "TOGETHER_API_KEY=⟦hex⟧"
  destination = "local/env"
  env         = true
}
'''),
    T('consul-kv-generic-path', 'consul/kv-generic.json', '''\
[{"key": "apps/together/key", "flags": 0, "value": "⟦hex|b64⟧"}]
'''),
    T('gradle-systemprop', 'gradle.properties.ci', '''\
systemProp.together.apiKey=⟦hex⟧
'''),
    T('java-properties-unicode', 'src/main/resources/app.properties', '''\
together.api.key=⟦hex|ju⟧
'''),
    T('go-test-setenv', 'internal/llm/client_test.go', '''\
func TestClient(t *testing.T) {
	t.Setenv("TOGETHER_API_KEY", "⟦hex⟧")
}
'''),
    T('pytest-showlocals', 'logs/pytest.txt', '''\
    def test_chat():
        key = os.environ.get("TOGETHER_KEY_OVERRIDE") or load_key()
>       client = Together(api_key=key)

key        = '⟦hex⟧'
tests/test_chat.py:14: AuthenticationError
'''),
    T('rust-together-new-legacy', 'src/bin/chat.rs', '''\
let client = Together::new("⟦hex⟧");
'''),
    T('go-together-newclient', 'cmd/embed/main.go', '''\
client := together.NewClient("⟦hex⟧")
'''),
    T('java-new-together', 'src/main/java/acme/Embed.java', '''\
Together together = new Together("⟦hex⟧");
'''),
    T('csharp-new-togetherclient', 'src/Embed/Program.cs', '''\
var together = new TogetherClient("⟦hex⟧");
'''),
    T('ruby-together-client', 'lib/embed.rb', '''\
client = Together::Client.new(api_key: "⟦hex⟧")
'''),
    T('julia-together-client', 'scripts/embed.jl', '''\
client = Together.Client(api_key="⟦hex⟧")
'''),
    T('kotlin-together-ctor', 'app/src/main/kotlin/Embed.kt', '''\
val client = Together(apiKey = "⟦hex⟧")
'''),
    T('swift-enum-together', 'Sources/App/Together.swift', '''\
enum Together {
    static let apiKey = "⟦hex⟧"
}
'''),
    T('php-together-client', 'src/Embed.php', '''\
$client = Together::client('⟦hex⟧');
'''),
    T('elixir-together-client', 'lib/embed.ex', '''\
client = Together.client(api_key: "⟦hex⟧")
'''),
    T('airflow-conn-uri-scheme', 'airflow/.env.llm', '''\
AIRFLOW_CONN_LLM='together://:⟦hex⟧@'
'''),
    T('url2-query-legacy', 'logs/redirect3.log', '''\
GET /login?next=%2Fsetup%3Ftogether_api_key%253D⟦hex⟧ 302
'''),
    T('html-entity-xml-attr-legacy', 'web.config', '''\
<appSettings>
  <add key="Together:ApiKey" value="⟦hex|html_hex⟧" />
</appSettings>
'''),
    T('b64w76-json-provider', 'enc/provider.b64', '⟦hex|json_provider_b64w76⟧\\n'),
    T('gzb64-json-legacy', 'enc/config.json.gz.b64', '⟦hex|json_gzb64⟧\\n'),
    T('utf16le-json-legacy', 'enc/settings.json', '{"together": {"api_key": "⟦hex⟧"}}\\r\\n', post='utf16le'),
    T('utf16be-ps1-legacy', 'enc/profile.ps1', "$env:TOGETHER_API_KEY = '⟦hex⟧'\\n", post='utf16be_nobom'),
    T('hex-bytes-legacy-named', 'enc/hexdump2.txt', 'TOGETHER_API_KEY_HEX=⟦hex|hexbytes⟧\\n'),
    T('b64url-legacy-named', 'enc/b64url.env', 'TOGETHER_API_KEY_B64URL=⟦hex|b64url⟧\\n'),
    T('http-raw-request-legacy', 'logs/raw.http', '''\
POST /v1/chat/completions HTTP/1.1
Host: api.together.xyz
Authorization: Bearer ⟦hex⟧
Content-Type: application/json

{"model": "meta-llama/Llama-3-8b"}
'''),
    T('http-basic-legacy', 'logs/basic.log', '''\
GET https://api.together.xyz/v1/models Authorization: Basic ⟦hex|basic_colon⟧
'''),
    T('http-proxy-authorization', 'logs/squid.log', '''\
CONNECT api.together.xyz:443 HTTP/1.1
Proxy-Authorization: Bearer ⟦hex⟧
'''),
    B('docx-table-legacy', 'docs/env-table.docx', _docx_table),
    B('xlsx-shared-strings', 'docs/keys.xlsx', _xlsx_legacy),
    B('png-text-keyword-named', 'img/named.png', _png_text_named),
    B('jpeg-exif-usercomment', 'img/comment.jpg', _exif_usercomment),
    B('mail-docx-attachment', 'mail/docx.eml', _mail_docx),
    B('mail-pdf-attachment', 'mail/pdf.eml', _mail_pdf),
    B('mail-b64-legacy-label', 'mail/label.eml', _mail_b64_legacy_label),
    B('pickle-provider-list-p2', 'cache/providers.pkl', _pickle_provider_p2),
    B('pickle-endpoint-sibling', 'cache/client.pkl', _pickle_endpoint),
]

MORE_DECOYS = [
    T('decoy-fly-secrets-list', 'out/fly-secrets.txt', '''\
NAME                    DIGEST                  CREATED AT
TOGETHER_API_KEY        ⟦_x|digest16⟧        2026-11-30T10:00:00Z
'''),
    T('decoy-vercel-env-ls', 'out/vercel-env.txt', '''\
 name                 value               environments        created
 TOGETHER_API_KEY     Encrypted           Production          3d ago
'''),
    T('decoy-systemd-creds', 'deploy/together.cred', '''\
SetCredentialEncrypted=together_api_key: \\
        ⟦_b64⟧ \\
        ⟦_b64b⟧
'''),
    T('decoy-pulumi-provider-secure', 'infra/Pulumi.prod2.yaml', '''\
config:
  together:apiKey:
    secure: AAABA⟦_b64⟧
'''),
    T('decoy-s3-sigv4', 'logs/s3.log', '''\
PUT /together-datasets/train.jsonl HTTP/1.1
Host: together-datasets.s3.amazonaws.com
x-amz-content-sha256: ⟦_hex⟧
Authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEEXAMPLE/20261201/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=⟦_hex2⟧
'''),
    T('decoy-webhook-signature', 'logs/webhook.log', '''\
POST /hooks/together HTTP/1.1
X-Together-Signature: sha256=⟦_hex⟧
X-Together-Event: fine_tune.completed
'''),
    T('decoy-git-log-sha256', 'out/git-log.txt', '''\
commit ⟦_hex⟧
Author: Dev <dev@example.com>
Date:   Mon Nov 30 10:00:00 2026 +0000

    together: move the API key to the secret store
'''),
    T('decoy-cosign-digest', 'out/cosign.txt', '''\
Verification for ghcr.io/acme/together-proxy@sha256:⟦_hex⟧ --
The following checks were performed on each of these signatures:
'''),
    T('decoy-pytest-showlocals-id', 'logs/pytest-id.txt', '''\
>       client = Together(api_key=os.environ["TOGETHER_API_KEY"])
key_id     = 'key_CVQ8Xw3h2nqkLm'
digest     = '⟦_hex⟧'
'''),
    B('decoy-xlsx-checksums', 'docs/sums.xlsx', _xlsx_decoy),
    B('decoy-pickle-other-provider', 'cache/other.pkl', _pickle_other_provider),
    T('decoy-swift-enum-digest', 'Sources/App/Assets.swift', '''\
enum Together {
    static let modelSHA256 = "⟦_hex⟧"
}
'''),
    T('decoy-traceback-locals-digest', 'logs/trace-digest.txt', '''\
Traceback (most recent call last):
  File "/app/download.py", line 8, in fetch
    together.verify(path, expected=digest)
    digest = '⟦_hex⟧'
'''),
    T('decoy-docker-ps-id', 'out/docker-ps.txt', '''\
CONTAINER ID                                                       IMAGE                 NAMES
⟦_hex⟧   together-proxy:1.4    together_proxy_1
'''),
    T('decoy-utf16-together-checksum', 'enc/checksums-utf16.txt', 'together-1.3.0.tar.gz ⟦_hex⟧\\n', post='utf16be'),
]

DECOYS = [
    T('decoy-sealed-secret', 'k8s/sealed.yaml', '''\
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: inference
spec:
  encryptedData:
    TOGETHER_API_KEY: ⟦_b64⟧⟦_b64x⟧⟦_b64y⟧
'''),
    T('decoy-sops-yaml', 'secrets/prod.enc.yaml', '''\
together:
    api_key: ENC[AES256_GCM,data:⟦_b64⟧,iv:⟦_b64b⟧,tag:⟦_b64c⟧,type:str]
sops:
    lastmodified: "2026-12-01T10:00:00Z"
    mac: ENC[AES256_GCM,data:⟦_b64d⟧,iv:⟦_b64e⟧,tag:⟦_b64f⟧,type:str]
    version: 3.9.1
'''),
    T('decoy-sops-dotenv', 'secrets/prod.enc.env', '''\
TOGETHER_API_KEY=ENC[AES256_GCM,data:⟦_b64⟧,iv:⟦_b64b⟧,tag:⟦_b64c⟧,type:str]
sops_version=3.9.1
sops_lastmodified=2026-12-01T10:00:00Z
'''),
    T('decoy-pulumi-secure', 'Pulumi.prod.yaml', '''\
encryptionsalt: v1:⟦_b64⟧
config:
  inference:togetherApiKey:
    secure: v1:⟦_b64b⟧
'''),
    T('decoy-ansible-vault-inline', 'ansible/group_vars/prod.yml', '''\
together_api_key: !vault |
          $ANSIBLE_VAULT;1.1;AES256
          ⟦_hex⟧3131626263636464
          ⟦_hex2⟧6566676831323334
          ⟦_hex3⟧6364
'''),
    T('decoy-hiera-eyaml', 'puppet/data/prod.eyaml', '''\
profile::llm::together_api_key: >
    ENC[PKCS7,⟦_b64⟧⟦_b64b⟧]
'''),
    T('decoy-chef-encrypted-bag', 'chef/data_bags/llm/together-enc.json', '''\
{
  "id": "together",
  "api_key": {
    "encrypted_data": "⟦_b64⟧",
    "hmac": "⟦_b64b⟧",
    "iv": "⟦_b64c⟧",
    "version": 2,
    "cipher": "aes-256-cbc"
  }
}
'''),
    T('decoy-cfn-resolve', 'cfn/stack.yaml', '''\
Parameters:
  TogetherApiKey:
    Type: String
    NoEcho: true
    Default: '{{resolve:secretsmanager:prod/together:SecretString:api_key}}'
'''),
    T('decoy-serverless-ssm', 'svc/serverless.yml', '''\
provider:
  environment:
    TOGETHER_API_KEY: ${ssm:/prod/together/api_key}
    TOGETHER_API_KEY_SHA256: ⟦_hex⟧
'''),
    T('decoy-nomad-template', 'nomad/api.nomad.hcl', '''\
template {
  data        = <<EOF
TOGETHER_API_KEY={{ with secret "kv/data/together" }}{{ .Data.data.api_key }}{{ end }}
EOF
  destination = "secrets/env"
  env         = true
}
'''),
    T('decoy-systemd-credential', 'deploy/api.service', '''\
[Service]
LoadCredential=together_api_key:/etc/credstore/together_api_key
EnvironmentFile=/etc/together.env
# sha256 of together.env at install: ⟦_hex⟧
'''),
    T('decoy-supervisord-ref', 'deploy/supervisor.conf', '''\
[program:api]
environment=TOGETHER_API_KEY="%(ENV_TOGETHER_API_KEY)s"
'''),
    T('decoy-procfile-ref', 'svc/Procfile', '''\
web: TOGETHER_API_KEY=$TOGETHER_API_KEY gunicorn app:app
'''),
    T('decoy-heroku-masked', 'out/heroku-config-masked.txt', '''\
=== api Config Vars
TOGETHER_API_KEY: tgp_v1_*******************************************
TOGETHER_KEY_ID:  key_CVQ8Xw3h2nqkLm
'''),
    T('decoy-vercel-ref', 'svc/vercel.json', '''\
{"env": {"TOGETHER_API_KEY": "@together-api-key"}}
'''),
    T('decoy-envrc-op-read', 'svc2/.envrc', '''\
export TOGETHER_API_KEY="$(op read 'op://dev/together/credential')"
'''),
    T('decoy-makefile-sha', 'sdk/Makefile', '''\
TOGETHER_SDK_VERSION := 1.3.0
TOGETHER_SDK_SHA256 := ⟦_hex⟧
fetch:
\tcurl -LO https://files.pythonhosted.org/together-$(TOGETHER_SDK_VERSION).tar.gz
'''),
    T('decoy-cmake-hash', 'build2/CMakeCache.txt', '''\
together_SOURCE_DIR:STATIC=/src/_deps/together-src
TOGETHER_ARCHIVE_HASH:STRING=SHA256=⟦_hex⟧
'''),
    T('decoy-cargo-checksum', 'vendor/together/.cargo-checksum.json', '''\
{"files":{"Cargo.toml":"⟦_hex⟧","src/lib.rs":"⟦_hex2⟧"},"package":"⟦_hex3⟧"}
'''),
    T('decoy-go-sum', 'go.sum', '''\
github.com/togethercomputer/together-go v0.3.1 h1:⟦_b64⟧
github.com/togethercomputer/together-go v0.3.1/go.mod h1:⟦_b64b⟧
'''),
    T('decoy-go-test-fixture-sha', 'out/go-test-sha.txt', '''\
=== RUN   TestDownload
    download_test.go:30: together-model.safetensors sha256=⟦_hex⟧
--- PASS: TestDownload (0.42s)
'''),
    T('decoy-rust-model-sha', 'src/models.rs', '''\
pub const TOGETHER_MODEL_SHA256: &str = "⟦_hex⟧";
'''),
    T('decoy-kotlin-env-lookup', 'app/src/Env.kt', '''\
val togetherApiKey = System.getenv("TOGETHER_API_KEY") ?: error("TOGETHER_API_KEY unset")
'''),
    T('decoy-csharp-env', 'src/Env.cs', '''\
var togetherApiKey = Environment.GetEnvironmentVariable("TOGETHER_API_KEY");
'''),
    T('decoy-elixir-env', 'config/runtime2.exs', '''\
config :ex_llm, :together, api_key: System.fetch_env!("TOGETHER_API_KEY")
'''),
    T('decoy-streamlit-placeholder', 'demo/.streamlit/secrets.toml', '''\
[together]
api_key = "<your-together-api-key>"
'''),
    T('decoy-airflow-templated', 'airflow/dags/chat.py', '''\
conn = BaseHook.get_connection("together_default")
headers = {"Authorization": "Bearer {{ conn.together_default.password }}"}
'''),
    T('decoy-airflow-other-provider', 'airflow/connections2.yaml', '''\
together_default:
  conn_type: http
  host: api.together.xyz
  password: null
openai_default:
  conn_type: http
  host: api.openai.com
  password: ⟦_hex⟧
'''),
    T('decoy-dbt-env-var', 'dbt2/profiles.yml', '''\
analytics:
  outputs:
    dev:
      settings:
        together_api_key: "{{ env_var('TOGETHER_API_KEY') }}"
'''),
    T('decoy-mlflow-ref', 'mlflow/gateway2.yaml', '''\
endpoints:
  - name: chat
    model:
      provider: togetherai
      config:
        togetherai_api_key: $TOGETHER_API_KEY
'''),
    T('decoy-modal-ref', 'scripts/modal2.sh', '''\
modal secret create together-secret TOGETHER_API_KEY="$TOGETHER_API_KEY"
'''),
    B('decoy-core-build-id', 'dumps/core.9', _core_decoy),
    T('decoy-http-redacted', 'logs/gw-redacted.log', '''\
2026-12-01T10:00:01Z POST https://api.together.xyz/v1/chat/completions headers={'Authorization': 'Bearer [REDACTED]'}
2026-12-01T10:00:02Z POST https://api.together.xyz/v1/chat/completions headers={'Authorization': 'Bearer tgp_v1_****'}
'''),
    T('decoy-http-etag', 'logs/cdn.log', '''\
HTTP/2 200
server: api.together.xyz
etag: "⟦_hex⟧"
x-request-id: ⟦_uuid⟧
'''),
    T('decoy-http-other-host', 'logs/other.log', '''\
POST https://api.openai.com/v1/chat/completions Authorization: Bearer ⟦_hex⟧
# fallback provider: together (disabled)
'''),
    B('decoy-mail-pgp-sums', 'mail/release.eml', _mail_decoy),
    B('decoy-pdf-checksum', 'docs/release.pdf', _pdf_decoy),
    B('decoy-docx-checksum', 'docs/sdk.docx', _docx_decoy),
    B('decoy-png-sha', 'img/logo.png', _png_decoy),
    B('decoy-pickle-sha', 'cache/settings-sha.pkl', _pickle_provider_decoy),
    T('decoy-b64-sha256sums', 'enc/sums.b64', '⟦_x|sumsb64⟧\n'),
    T('decoy-gzb64-sha256sums', 'enc/sums.gz.b64', '⟦_x|sumsgzb64⟧\n'),
    T('decoy-utf16-sha', 'enc/sha-utf16.txt', 'TOGETHER_SDK_SHA256=⟦_hex⟧\r\n', post='utf16le'),
    T('decoy-ju-placeholder', 'enc/placeholder.json', '{"TOGETHER_API_KEY": "\\u0074gp_v1_' + 'x' * 43 + '"}\n'),
    T('decoy-url2-reference', 'logs/url2-ref.log', 'GET /cb?env=TOGETHER_API_KEY%253D%2524%257BTOGETHER_API_KEY%257D 200\n'),
    T('decoy-html-reference', 'docs/ref.html', '<code>TOGETHER_API_KEY=&#36;&#123;TOGETHER_API_KEY&#125;</code>\n'),
    T('decoy-k8s-data-key-id', 'k8s/secret-id.yaml', '''\
kind: Secret
data:
  TOGETHER_KEY_ID: ⟦_x|keyidb64⟧
  TOGETHER_API_KEY_SHA256: ⟦_x|shab64⟧
'''),
    T('decoy-truncated-key', 'logs/trunc.log', 'using key ⟦_key|trunc⟧... (truncated)\n'),
    T('decoy-hex-bytes-id', 'enc/hex-id.txt', 'TOGETHER_KEY_ID (hex) = ⟦_x|keyidhex⟧\n'),
    B('decoy-png-ztxt-hash', 'img/sd2.png', _png_ztxt_decoy),
    T('decoy-openai-flat-group', 'svc/.env.openai', '''\
TOGETHER_MODEL=meta-llama/Llama-3-8b
OPENAI_BASE_URL=https://api.openai.com/v1
OPENAI_API_KEY=⟦_hex⟧
'''),
    T('decoy-k8s-ca', 'k8s/ca.yaml', '''\
kind: Secret
metadata:
  name: together-ca
data:
  ca.crt: ⟦_b64⟧⟦_b64b⟧
  ca.sha256: ⟦_hex|b64⟧
'''),
    T('decoy-consul-sha', 'consul/kv2.json', '''\
[{"key": "apps/together/sdk_sha256", "flags": 0, "value": "⟦_hex|b64⟧"}]
'''),
    T('decoy-maven-sha', 'repo/ai/together/together-java/1.0/together-java-1.0.jar.sha256', '⟦_hex⟧\n'),
    T('decoy-gradle-verification', 'gradle/verification-metadata.xml', '''\
<component group="ai.together" name="together-java" version="1.0">
   <artifact name="together-java-1.0.jar">
      <sha256 value="⟦_hex⟧" origin="Generated by Gradle"/>
   </artifact>
</component>
'''),
    T('decoy-exif-hash', 'img/photo.txt', 'ImageUniqueID: ⟦_hex⟧ (together offsite)\n'),
]


# Decoy-only encodings: ``_x`` is a legacy-shaped value never expected.
ENC.update({
    'sumsb64': lambda v: _b64(f'{v}  together-1.3.0.tar.gz\n'),
    'sumsgzb64': lambda v: _b64(_gz(f'{v}  together-1.3.0-py3-none-any.whl\n'.encode())),
    'keyidb64': lambda v: _b64('key_' + v[:18]),
    'shab64': lambda v: _b64(v),
    'keyidhex': lambda v: ('key_' + v[:18]).encode().hex(),
    'trunc': lambda v: v[:44],
    'digest16': lambda v: v[:16],
})
ENC.update({
    'json_provider_b64w76': lambda v: base64.encodebytes(json.dumps(
        {'llm': {'provider': 'together', 'api_key': v, 'max_tokens': 512}}, indent=2).encode()).decode().rstrip('\n'),
    'json_gzb64': lambda v: _b64(_gz(json.dumps({'together': {'api_key': v}}).encode())),
    'basic_colon': lambda v: _b64(':' + v),
})

CASES = DEPLOY + BUILD + SOURCE + ML + LOGS + DOCS + ENCODED + MORE + DECOYS + MORE_DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
# Measured at 105bea8d: 261 cases, 190 holding a key (190 keys) and 71
# decoys; 179 keys found, 11 missed, no decoy reported.  Found since in
# session 34: the three pickles (detect/pickles.py) and pytest-showlocals
# (codec.locals_view); base64url and HTTP Basic legacy keys and the PNG
# tEXt keyword (ctx34: a decoded value judged where its run stands, a
# binary record's NUL as its assignment); the JSON config in base64 wrapped
# at 76, whose last line ends in an escaped line end (codec._B64_LINE_END,
# wrap34); the PDF attached to a mail as base64 (prefilter.B64_MAGIC's
# JVBERi0, wrap34).  Left (not investigated past their shape, session 34):
MISSED: dict[str, str] = {
    'airflow-conn-uri-scheme': "an Airflow connection URI whose scheme alone is Together's (`together://:<hex>@`): a URI's scheme is no Together name to the legacy rule, and its password no value field",
}

results, test_case = make_tests(CASES, missed=MISSED, by_key=True)


def test_size() -> None:
    keys, decoys = keys_and_decoys(CASES)
    cases_with_keys = len(CASES) - decoys
    assert len(CASES) >= 150 and cases_with_keys * 3 >= len(CASES) * 2 - 6 and decoys * 4 >= len(CASES), (
        len(CASES), cases_with_keys, decoys, keys)
