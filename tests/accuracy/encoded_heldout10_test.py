"""A tenth held-out set of keys in encoded forms (session 28): shapes the
first nine sets (``encoded_heldout_test.py``, ``2`` to ``9``) do not try,
most of them two layers where the older sets tried one.  Hex dumps of a
compressed ``.env`` (``xxd -p``, ``od -An -tx1``, ``xxd -i`` in a C
header) and an ``xxd`` dump printed into a notebook's output; Java's
signed byte arrays and Go's decimal byte slices; Python ``bytes`` reprs
of a gzip; base64 of bz2, xz and zlib; base32 and hex of base64 layers;
a JSON ``\\u``-escaped ``.env`` inside base64; XML character references
inside a JSON string; every byte of a URL encoded twice; a JWT claim
holding unpadded base64url of a ``.env``; a notebook's attachment; a Helm
umbrella chart whose subchart ``.tgz`` holds the Secret; a ``git
format-patch`` *delta* hunk (a binary file changed, not added); a zip
stored inside base64 inside JSON; LDIF ``::`` values and iCalendar
``ATTACH`` values folded by their own rules (a leading space); a mail
subject split into RFC 2047 encoded words; YAML ``!!binary`` of a gzip.
And decoys: random dumps, digests of a key as byte arrays, encoded
placeholders (a ``tgp_v1_`` one too), other providers' keys encoded
beside Together's name, TOTP secrets, certificates, Helm templates that
encode at install time, random binaries in patches, and a key written
backwards (no real leak does that).

Built by the real tools where the machine has them (``xxd``, ``od``,
``git``) and by the standard library otherwise; a case needing a missing
tool is skipped alone.  Keys are made at run time (``tests/keys.py``).
"""
from __future__ import annotations

import base64
import bz2
import email.message
import email.policy
import hashlib
import io
import json
import lzma
import os
import tempfile
import urllib.parse
import zipfile
import zlib

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout5_test import _b64
from tests.accuracy.encoded_heldout5_test import _b64url
from tests.accuracy.encoded_heldout5_test import _jwt
from tests.accuracy.encoded_heldout5_test import _legacy_env
from tests.accuracy.encoded_heldout8_test import _other_key
from tests.accuracy.encoded_heldout8_test import _wrap
from tests.accuracy.encoded_heldout9_test import _chart
from tests.accuracy.encoded_heldout9_test import _gz
from tests.accuracy.encoded_heldout9_test import _run
from tests.accuracy.encoded_heldout9_test import _tar
from tests.accuracy.encoded_heldout_test import _env
from tests.accuracy.encoded_heldout_test import _tool


def _fold(line: str, width: int, sep: str) -> str:
    """A content line folded as LDIF and iCalendar fold it: ``sep`` then a
    space before each continuation."""
    parts = [line[:width]] + [line[i:i + width - 1] for i in range(width, len(line), width - 1)]
    return (sep + ' ').join(parts)


def _signed(data: bytes) -> str:
    return ', '.join(str(b - 256 if b > 127 else b) for b in data)


def _py_bytes(data: bytes) -> str:
    return repr(data)


def _placeholder_env() -> bytes:
    return b'APP_ENV=production\nTOGETHER_API_KEY=tgp_v1_' + b'x' * 43 + b'\nLOG_LEVEL=info\n'


def _format_patch_change(name: str, old: bytes, new: bytes) -> bytes:
    """``git format-patch -1 --binary`` of a commit changing binary ``name``
    from ``old`` to ``new`` (git writes a ``delta`` hunk when it is smaller)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {'GIT_AUTHOR_NAME': 'Dev', 'GIT_AUTHOR_EMAIL': 'dev@example.com', 'GIT_COMMITTER_NAME': 'Dev',
               'GIT_COMMITTER_EMAIL': 'dev@example.com', 'GIT_AUTHOR_DATE': '2026-12-01T10:00:00Z',
               'GIT_COMMITTER_DATE': '2026-12-01T10:00:00Z', 'GIT_CONFIG_NOSYSTEM': '1', 'HOME': tmp}
        _run(['git', 'init', '-q', 'r'], tmp, env=env)
        repo = os.path.join(tmp, 'r')
        for i, data in enumerate((old, new)):
            with open(os.path.join(repo, name), 'wb') as f:
                f.write(data)
            _run(['git', 'add', name], repo, env=env)
            _run(['git', 'commit', '-q', '-m', f'{name} v{i}'], repo, env=env)
        return _run(['git', 'format-patch', '-1', '--binary', '--stdout'], repo, env=env)


def _blob(m: Made, n: int = 3000) -> bytes:
    """A binary file's bytes (a NUL in them, so git takes it as binary)."""
    return b'\x00SETTINGS\x01' + m.rng.randbytes(n)


# --- hex dumps and byte arrays ------------------------------------------------------------

def xxd_plain_of_gzip_env(m: Made):
    k = m.key()
    return b'# xxd -p .env.gz\n' + _tool('xxd', '-p', data=_gz(_env(k))), [k]


def od_tx1_of_gzip_env(m: Made):
    k = m.key()
    return b'$ od -An -tx1 settings.env.gz\n' + _tool('od', '-An', '-tx1', '-v', data=_gz(_env(k))), [k]


def xxd_include_of_gzip_env_c_header(m: Made):
    k = m.key()
    body = _tool('xxd', '-i', data=_gz(_env(k))).decode()
    return ('#pragma once\n/* xxd -i env.gz */\nstatic const unsigned char env_gz[] = {\n' + body + '};\n').encode(), [k]


def hexdump_canonical_legacy_env(m: Made):
    h = m.hex()
    return _tool('hexdump', '-C', data=_legacy_env(h)), [h]


def java_signed_byte_array_gzip(m: Made):
    k = m.key()
    raw = _gz(_env(k))
    arr = ',\n            '.join(_signed(raw[i:i + 16]) for i in range(0, len(raw), 16))
    src = ('package dev.llm;\n\nfinal class Embedded {\n    static final byte[] ENV_GZ = new byte[] {\n            '
           + arr + '\n    };\n}\n')
    return src.encode(), [k]


def go_decimal_byte_slice_env(m: Made):
    k = m.key()
    arr = ', '.join(str(b) for b in f'TOGETHER_API_KEY={k}\n'.encode())
    return f'package cfg\n\nvar envFile = []byte{{{arr}}}\n'.encode(), [k]


def python_bytes_repr_gzip(m: Made):
    k = m.key()
    return f'# generated: gzip of .env\nENV_GZ = {_py_bytes(_gz(_env(k)))}\n'.encode(), [k]


def python_bytes_repr_all_escaped_legacy(m: Made):
    h = m.hex()
    body = ''.join('\\x%02x' % b for b in _legacy_env(h))
    return f"together_env = b'{body}'\n".encode(), [h]


def notebook_xxd_stream_output(m: Made):
    k = m.key()
    dump = _tool('xxd', data=_env(k)).decode()
    cell = {'cell_type': 'code', 'execution_count': 3, 'metadata': {}, 'source': ['!xxd .env'],
            'outputs': [{'name': 'stdout', 'output_type': 'stream', 'text': dump.splitlines(True)}]}
    nb = {'cells': [cell], 'metadata': {'kernelspec': {'name': 'python3'}}, 'nbformat': 4, 'nbformat_minor': 5}
    return json.dumps(nb, indent=1).encode(), [k]


# --- compressions and layers ------------------------------------------------------------

def b64_of_bz2_env_yaml(m: Made):
    k = m.key()
    return f'app:\n  envBz2: {_b64(bz2.compress(_env(k)))}\n'.encode(), [k]


def b64_of_xz_env_json(m: Made):
    k = m.key()
    return json.dumps({'bundle': {'format': 'xz', 'env': _b64(lzma.compress(_env(k)))}}).encode(), [k]


def b64_of_zlib_legacy_env(m: Made):
    h = m.hex()
    return f'SETTINGS_ZLIB_B64="{_b64(zlib.compress(_legacy_env(h)))}"\n'.encode(), [h]


def base32_of_gzip_env(m: Made):
    k = m.key()
    return f'env_b32gz = "{base64.b32encode(_gz(_env(k))).decode()}"\n'.encode(), [k]


def hex_of_base64_env(m: Made):
    k = m.key()
    hexed = _b64(_env(k)).encode().hex()
    return f"INSERT INTO settings (name, blob) VALUES ('env', '\\x{hexed}');\n".encode(), [k]


def json_u_escaped_env_in_b64(m: Made):
    k = m.key()
    escaped = ''.join('\\u%04x' % ord(c) for c in _env(k).decode())
    inner = ('{"file": ".env", "text": "' + escaped + '"}').encode()
    return json.dumps({'kind': 'ConfigSnapshot', 'payload': _b64(inner)}).encode(), [k]


def xml_charrefs_in_json_string(m: Made):
    k = m.key()
    refs = ''.join(('&#%d;' if i % 2 else '&#x%x;') % ord(c) for i, c in enumerate(k))
    xml = f'<settings><together apiKey="{refs}"/></settings>'
    return json.dumps({'template': xml, 'engine': 'xslt'}).encode(), [k]


def html_charrefs_legacy_input(m: Made):
    h = m.hex()
    refs = ''.join('&#x%x;' % ord(c) for c in h)
    return f'<form action="/together/save"><input name="together_api_key" value="{refs}"></form>\n'.encode(), [h]


def url_encoded_twice_every_byte(m: Made):
    k = m.key()
    once = ''.join('%%%02X' % b for b in f'TOGETHER_API_KEY={k}'.encode())
    twice = urllib.parse.quote(once, safe='')
    return f'GET /login?next=%2Fsetup%3Fenv%3D{twice} HTTP/1.1 302\n'.encode(), [k]


def jwt_claim_b64url_env(m: Made):
    k = m.key()
    return f'Authorization: Bearer {_jwt({"sub": "svc-llm", "cfg": _b64url(_env(k))}, m)}\n'.encode(), [k]


def notebook_attachment_env(m: Made):
    k = m.key()
    cell = {'cell_type': 'markdown', 'metadata': {}, 'source': ['![settings](attachment:settings.env)'],
            'attachments': {'settings.env': {'application/octet-stream': _b64(_env(k))}}}
    nb = {'cells': [cell], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    return json.dumps(nb, indent=1).encode(), [k]


def helm_umbrella_chart_subchart_secret(m: Made):
    k = m.key()
    secret = f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: llm-env\ntype: Opaque\ndata:\n  .env: {_b64(_env(k))}\n'
    sub = _chart({'secret.yaml': secret})
    files = {'platform/Chart.yaml': b'apiVersion: v2\nname: platform\nversion: 1.2.0\n',
             'platform/values.yaml': b'llm:\n  enabled: true\n', 'platform/charts/llm-0.1.0.tgz': sub}
    return _gz(_tar(files)), [k]


def format_patch_delta_binary(m: Made):
    k = m.key()
    old = _blob(m)
    new = old[:1500] + _env(k) + old[1500:]
    return _format_patch_change('settings.bin', old, new), [k]


def zip_stored_in_b64_in_json_legacy(m: Made):
    h = m.hex()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_STORED) as z:
        z.writestr('.env', _legacy_env(h))
    return json.dumps({'artifact': 'config.zip', 'contentBase64': _b64(buf.getvalue())}).encode(), [h]


def ldif_folded_b64_value(m: Made):
    k = m.key()
    line = 'description:: ' + _b64(f'TOGETHER_API_KEY={k} # llm gateway'.encode())
    return ('dn: cn=llm-gateway,ou=apps,dc=example,dc=com\nobjectClass: applicationProcess\ncn: llm-gateway\n'
            + _fold(line, 76, '\n') + '\n').encode(), [k]


def ics_attach_folded_b64(m: Made):
    k = m.key()
    line = 'ATTACH;FMTTYPE=text/plain;ENCODING=BASE64;VALUE=BINARY;X-FILENAME=.env:' + _b64(_env(k))
    ics = ('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ex//cal//EN\r\nBEGIN:VEVENT\r\nUID:4f1c@example.com\r\n'
           'DTSTART:20261201T100000Z\r\nSUMMARY:Key handover\r\n' + _fold(line, 75, '\r\n')
           + '\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n')
    return ics.encode(), [k]


def mail_subject_encoded_words(m: Made):
    k = m.key()
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg['From'] = 'dev@example.com'
    msg['To'] = 'ops@example.com'
    msg['Subject'] = f'Clé de l’API Together: TOGETHER_API_KEY={k} — à changer'
    msg.set_content('voir sujet\n')
    return msg.as_bytes(), [k]


def yaml_binary_tag_gzip(m: Made):
    k = m.key()
    body = _wrap(_b64(_gz(_env(k))), 60, '\n    ')
    return f'llm:\n  envGz: !!binary |\n    {body}\n'.encode(), [k]


def data_uri_gzip_markdown(m: Made):
    k = m.key()
    return f'Download [env.gz](data:application/gzip;base64,{_b64(_gz(_env(k)))}) for local runs.\n'.encode(), [k]


def hexdump_two_keys_env(m: Made):
    k, h = m.key(), m.hex()
    env = f'TOGETHER_API_KEY={k}\nTOGETHER_LEGACY_API_KEY={h}\n'.encode()
    return _tool('hexdump', '-C', data=env), [k, h]


def php_serialized_b64_env(m: Made):
    k = m.key()
    v = _b64(_env(k))
    return f'a:2:{{s:4:"name";s:4:".env";s:7:"content";s:{len(v)}:"{v}";}}\n'.encode(), [k]


def b64_twice_gzip_between(m: Made):
    k = m.key()
    return f'ENV_PACK={_b64(_gz(_b64(_env(k)).encode()))}\n'.encode(), [k]


def docker_auths_current(m: Made):
    k = m.key()
    auth = _b64(f'together:{k}'.encode())
    return json.dumps({'auths': {'registry.together.ai': {'auth': auth}}}, indent=2).encode(), [k]


def rust_byte_string_hex_key(m: Made):
    k = m.key()
    body = ''.join('\\x%02x' % b for b in k.encode())
    return f'pub const TOGETHER_API_KEY: &[u8] = b"{body}";\n'.encode(), [k]


def xxd_include_legacy_env(m: Made):
    h = m.hex()
    return _tool('xxd', '-i', data=_legacy_env(h)), [h]


def od_tx1_two_keys(m: Made):
    k, k2 = m.key(), m.key()
    env = f'TOGETHER_API_KEY={k}\nTOGETHER_API_KEY_STAGING={k2}\n'.encode()
    return _tool('od', '-An', '-tx1', '-v', data=env), [k, k2]


# --- decoys ---------------------------------------------------------------------------------

def decoy_xxd_random(m: Made):
    return b'# together firmware blob\n' + _tool('xxd', '-p', data=m.rng.randbytes(600)), []


def decoy_c_array_sha256_of_key(m: Made):
    digest = hashlib.sha256(b'tgp_v1_' + m.rng.randbytes(32).hex().encode()).digest()
    arr = ', '.join('0x%02x' % b for b in digest)
    return f'/* sha256 of the Together API key, for checking */\nstatic const uint8_t TOGETHER_KEY_SHA256[32] = {{{arr}}};\n'.encode(), []


def decoy_java_signed_random(m: Made):
    return f'static final byte[] TOGETHER_IV = new byte[] {{{_signed(m.rng.randbytes(48))}}};\n'.encode(), []


def decoy_json_u_escaped_placeholder(m: Made):
    escaped = ''.join('\\u%04x' % b for b in _placeholder_env())
    return ('{"example": "' + escaped + '"}\n').encode(), []


def decoy_charrefs_other_provider(m: Made):
    refs = ''.join('&#%d;' % ord(c) for c in _other_key(m, 'sk-proj-', 48))
    return f'<p>Together and OpenAI: <code>OPENAI_API_KEY={refs}</code></p>\n'.encode(), []


def decoy_url_twice_placeholder(m: Made):
    once = ''.join('%%%02X' % b for b in b'TOGETHER_API_KEY=<your-together-key>')
    return f'GET /docs?next={urllib.parse.quote(once, safe="")}\n'.encode(), []


def decoy_b64_gzip_placeholder_env(m: Made):
    return f'ENV_GZ_B64={_b64(_gz(_placeholder_env()))}\n'.encode(), []


def decoy_b64_bz2_other_provider(m: Made):
    env = f'# together is in the next file\nOPENAI_API_KEY={_other_key(m, "sk-", 48)}\n'.encode()
    return f'envBz2: {_b64(bz2.compress(env))}\n'.encode(), []


def decoy_jwt_key_fingerprint(m: Made):
    claims = {'sub': 'together-key', 'key_sha256': _b64url(m.rng.randbytes(32)), 'kid': m.rng.randbytes(32).hex()}
    return f'token: {_jwt(claims, m)}\n'.encode(), []


def decoy_notebook_png_attachment(m: Made):
    png = b'\x89PNG\r\n\x1a\n' + m.rng.randbytes(400)
    cell = {'cell_type': 'markdown', 'metadata': {}, 'source': ['Together logo ![x](attachment:logo.png)'],
            'attachments': {'logo.png': {'image/png': _b64(png)}}}
    return json.dumps({'cells': [cell], 'nbformat': 4, 'nbformat_minor': 5}).encode(), []


def decoy_helm_umbrella_b64enc(m: Made):
    secret = 'kind: Secret\ndata:\n  TOGETHER_API_KEY: {{ .Values.together.apiKey | b64enc | quote }}\n'
    sub = _chart({'secret.yaml': secret}, 'together:\n  apiKey: ""\n')
    return _gz(_tar({'platform/Chart.yaml': b'name: platform\n', 'platform/charts/llm-0.1.0.tgz': sub})), []


def decoy_format_patch_delta_random(m: Made):
    old = _blob(m)
    new = old[:1500] + b'TOGETHER' + m.rng.randbytes(80) + old[1500:]
    return _format_patch_change('together.bin', old, new), []


def decoy_zip_b64_env_example(m: Made):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_STORED) as z:
        z.writestr('.env.example', _placeholder_env())
    return json.dumps({'contentBase64': _b64(buf.getvalue())}).encode(), []


def decoy_python_bytes_random_iv(m: Made):
    return f'TOGETHER_NONCE = {_py_bytes(m.rng.randbytes(64))}\n'.encode(), []


def decoy_ldif_certificate(m: Made):
    der = b'\x30\x82\x03\x0a\x30\x82\x01\xf2' + m.rng.randbytes(700)
    return ('dn: cn=together,ou=apps,dc=example,dc=com\n' + _fold('userCertificate;binary:: ' + _b64(der), 76, '\n')
            + '\n').encode(), []


def decoy_totp_base32_secret(m: Made):
    secret = base64.b32encode(m.rng.randbytes(20)).decode().rstrip('=')
    return f'otpauth://totp/Together:dev%40example.com?secret={secret}&issuer=Together\n'.encode(), []


def decoy_hex_of_b64_random(m: Made):
    return f"UPDATE together SET blob = '\\x{_b64(m.rng.randbytes(90)).encode().hex()}';\n".encode(), []


def decoy_od_placeholder_env(m: Made):
    return _tool('od', '-An', '-tx1', '-v', data=_placeholder_env()), []


def decoy_reversed_key_hex(m: Made):
    k = m.key()
    m.made.pop()
    return f'TOGETHER_API_KEY_REVERSED_HEX={f"TOGETHER_API_KEY={k}"[::-1].encode().hex()}\n'.encode(), []


def decoy_ics_png_attach(m: Made):
    line = 'ATTACH;FMTTYPE=image/png;ENCODING=BASE64;VALUE=BINARY:' + _b64(b'\x89PNG\r\n\x1a\n' + m.rng.randbytes(300))
    return ('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Together sync\r\n' + _fold(line, 75, '\r\n')
            + '\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n').encode(), []


_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(xxd_plain_of_gzip_env, 'dumps/env.gz.hex', 'xxd'),
    _case(od_tx1_of_gzip_env, 'dumps/od.txt', 'od'),
    _case(xxd_include_of_gzip_env_c_header, 'src/env_gz.h', 'xxd'),
    _case(hexdump_canonical_legacy_env, 'dumps/legacy.txt', 'hexdump'),
    _case(java_signed_byte_array_gzip, 'src/Embedded.java'),
    _case(go_decimal_byte_slice_env, 'src/env.go'),
    _case(python_bytes_repr_gzip, 'src/env_gz.py'),
    _case(python_bytes_repr_all_escaped_legacy, 'src/legacy_env.py'),
    _case(notebook_xxd_stream_output, 'nb/inspect.ipynb', 'xxd'),
    _case(b64_of_bz2_env_yaml, 'cfg/bz2.yaml'),
    _case(b64_of_xz_env_json, 'cfg/xz.json'),
    _case(b64_of_zlib_legacy_env, 'cfg/zlib.env'),
    _case(base32_of_gzip_env, 'cfg/b32.py'),
    _case(hex_of_base64_env, 'db/settings.sql'),
    _case(json_u_escaped_env_in_b64, 'events/snapshot.json'),
    _case(xml_charrefs_in_json_string, 'cfg/template.json'),
    _case(html_charrefs_legacy_input, 'web/form.html'),
    _case(url_encoded_twice_every_byte, 'logs/redirect.log'),
    _case(jwt_claim_b64url_env, 'logs/request.txt'),
    _case(notebook_attachment_env, 'nb/attach.ipynb'),
    _case(helm_umbrella_chart_subchart_secret, 'charts/platform-1.2.0.tgz'),
    _case(format_patch_delta_binary, 'patches/0001-settings.patch', 'git'),
    _case(zip_stored_in_b64_in_json_legacy, 'artifacts/config.json'),
    _case(ldif_folded_b64_value, 'ldap/export.ldif'),
    _case(ics_attach_folded_b64, 'cal/handover.ics'),
    _case(mail_subject_encoded_words, 'mail/subject.eml'),
    _case(yaml_binary_tag_gzip, 'cfg/binary.yaml'),
    _case(data_uri_gzip_markdown, 'docs/local.md'),
    _case(hexdump_two_keys_env, 'dumps/two.txt', 'hexdump'),
    _case(php_serialized_b64_env, 'cache/env.ser'),
    _case(b64_twice_gzip_between, 'cfg/pack.env'),
    _case(docker_auths_current, 'docker/config.json'),
    _case(rust_byte_string_hex_key, 'src/key.rs'),
    _case(xxd_include_legacy_env, 'src/legacy_env.h', 'xxd'),
    _case(od_tx1_two_keys, 'dumps/two-od.txt', 'od'),
    _case(decoy_xxd_random, 'decoys/fw.hex', 'xxd'),
    _case(decoy_c_array_sha256_of_key, 'decoys/key_sha.h'),
    _case(decoy_java_signed_random, 'decoys/Iv.java'),
    _case(decoy_json_u_escaped_placeholder, 'decoys/example.json'),
    _case(decoy_charrefs_other_provider, 'decoys/other.html'),
    _case(decoy_url_twice_placeholder, 'decoys/docs.log'),
    _case(decoy_b64_gzip_placeholder_env, 'decoys/example.env'),
    _case(decoy_b64_bz2_other_provider, 'decoys/bz2.yaml'),
    _case(decoy_jwt_key_fingerprint, 'decoys/jwt.yaml'),
    _case(decoy_notebook_png_attachment, 'decoys/logo.ipynb'),
    _case(decoy_helm_umbrella_b64enc, 'decoys/platform-1.0.0.tgz'),
    _case(decoy_format_patch_delta_random, 'decoys/0001-bin.patch', 'git'),
    _case(decoy_zip_b64_env_example, 'decoys/example.json'),
    _case(decoy_python_bytes_random_iv, 'decoys/nonce.py'),
    _case(decoy_ldif_certificate, 'decoys/cert.ldif'),
    _case(decoy_totp_base32_secret, 'decoys/totp.txt'),
    _case(decoy_hex_of_b64_random, 'decoys/blob.sql'),
    _case(decoy_od_placeholder_env, 'decoys/od.txt', 'od'),
    _case(decoy_reversed_key_hex, 'decoys/reversed.env'),
    _case(decoy_ics_png_attach, 'decoys/sync.ics'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (859dedc2): 26 of 37 keys found (11 cases missed), 0 of 20
# decoys reported.  Now 31 of 37: a gzip's first bytes as a byte literal
# (engine.GZIP_LITERAL_MARKS: a repr or C string, a C array)
# opened as a container; a hex dump under its command line
# (prefilter.DUMP_COMMAND: ``$ xxd -p env.gz``, ``$ od -An -tx1 ...``).
# 32 (session 32): an xxd dump in a notebook's list of output lines is
# read around a keyword its text column shows (codec.pasted_dump_view).
MISSED: dict[str, str] = {
    'base32-of-gzip-env': 'base32 of a gzip: no base32 form of a container magic is searched for, nor base32 decoded to open one',
    'json-u-escaped-env-in-b64': 'every character \\u-escaped in base64: its base64 forms go in the N route, +3-5% on the hook\'s plain screen',
    'hex-of-base64-env': 'hex text of base64 text: two of the prefix\'s three base64 forms, as hex, hold no anchor (no 0)',
    'java-signed-byte-array-gzip': 'a gzip as signed decimals (31, -117, 8): no anchor in it, and decimal_view opens only text',
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 35 and decoys >= 20, (keys, decoys)
