"""Keys inside base64 values the older cases do not decode: a compressed
container written as base64 (a Helm release, which Helm stores as
base64 of gzip of JSON, base64 once more in its Secret's ``data:``;
``base64 < dump.sql.gz``; a zip in a JSON field; bzip2), and base64
wrapped with line breaks written as escapes (JSON holding
``base64.encodebytes``' output) or as a JSON list of lines (a notebook's
``source``).  A value is reported on the line where it starts.

Decoys: a base64 gzip cut short (an example in a document) is text, not
a damaged file: nothing to report, no error; a cut ``.tar.gz`` or zip
holding a key before the cut is read up to it."""
from __future__ import annotations

import base64
import bz2
import gzip
import io
import json
import zipfile

from tests.accuracy import Case
from tests.accuracy import line_of
from tests.accuracy import make_tests


def _b64(raw: str | bytes) -> str:
    return base64.b64encode(raw.encode() if isinstance(raw, str) else raw).decode()


def _release(values: dict[str, object]) -> bytes:
    return json.dumps({
        'name': 'chat', 'version': 3, 'namespace': 'prod',
        'chart': {'metadata': {'name': 'chat', 'version': '1.4.0'}},
        'config': values, 'manifest': '---\n# Source: chat/templates/deployment.yaml\n' * 20,
    }).encode()


def helm_release_secret(m):
    # kubectl get secret sh.helm.release.v1.chat.v3 -o yaml
    key = m.key()
    release = _b64(_b64(gzip.compress(_release({'together': {'apiKey': key}}), mtime=0)))
    text = ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: sh.helm.release.v1.chat.v3\n'
            f'type: helm.sh/release.v1\ndata:\n  release: {release}\n')
    return text, [(7, key)]


def helm_release_legacy(m):
    key = m.hex()
    release = _b64(_b64(gzip.compress(_release({'env': {'TOGETHER_API_KEY': key}}), mtime=0)))
    text = json.dumps({'kind': 'Secret', 'data': {'release': release}}, indent=2) + '\n'
    return text, [(line_of(text, '"release"'), key)]


def gzip_env_in_code(m):
    key = m.key()
    blob = _b64(gzip.compress(f'APP=chat\nTOGETHER_API_KEY={key}\n'.encode()))
    text = f'import base64, gzip\n\nENV = "{blob}"\n'
    return text, [(3, key)]


def gzip_data_url(m):
    key = m.hex()
    blob = _b64(gzip.compress(f'export TOGETHER_API_KEY={key}\n'.encode(), mtime=0))
    text = f'<a download="env.gz" href="data:application/gzip;base64,{blob}">env</a>\n'
    return text, [(1, key)]


def zip_in_json(m):
    key = m.key()
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('README.md', '# config\n' * 30)
        z.writestr('config/.env', f'TOGETHER_API_KEY={key}\n')
    text = json.dumps({'attachments': [{'name': 'config.zip', 'content': _b64(raw.getvalue())}]}, indent=1) + '\n'
    return text, [(line_of(text, '"content"'), key)]


def gzip_mime_part(m):
    key = m.hex()
    enc = base64.encodebytes(gzip.compress(f'TOGETHER_API_KEY={key}\n'.encode())).decode()
    head = 'Content-Type: application/gzip; name="env.gz"\nContent-Transfer-Encoding: base64\n\n'
    return head + enc, [(4, key)]


def bzip2_urlsafe(m):
    key = m.key()
    blob = base64.urlsafe_b64encode(bz2.compress(f'{{"api_key": "{key}"}}'.encode())).decode().rstrip('=')
    text = f'state={blob}\n'
    return text, [(1, key)]


def escaped_newlines_json(m):
    # json.dumps of base64.encodebytes: 76 characters a line, each "\n" an escape.
    key = m.hex()
    env = 'APP=chat\n' + ''.join(f'VAR_{i}=value-{i}\n' for i in range(6)) + f'TOGETHER_API_KEY={key}\n'
    text = json.dumps({'name': '.env', 'content': base64.encodebytes(env.encode()).decode()}) + '\n'
    return text, [(1, key)]


def notebook_lines(m):
    key = m.key()
    enc = base64.encodebytes(f'# staging\nTOGETHER_API_KEY={key}\nPORT=8080\n'.encode()).decode()
    lines = [ln + '\n' for ln in enc.splitlines()]
    cell = {'cell_type': 'code', 'metadata': {}, 'outputs': [], 'source': ['ENV_B64 = """\n', *lines, '"""\n']}
    text = json.dumps({'cells': [cell], 'nbformat': 4}, indent=1) + '\n'
    return text, [(line_of(text, lines[0][:-1]), key)]


def truncated_gzip_example(m):
    text = '# A release looks like this:\n\n    release: H4sIAAAAAAAA/+y9a3PbyJIo+...\n'
    return text, []


def _tar_of(members: list[tuple[str, bytes]]) -> bytes:
    import tarfile

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode='w') as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return raw.getvalue()


def cut_tgz_example(m):
    # A backup pasted into a README as base64 and cut at the first screen:
    # it stopped the run with tarfile's ReadError.
    key = m.key()
    log = ''.join(f'GET /items/{i * 7919 % 10007} 200 {i * 31 % 977}ms\n' for i in range(400)).encode()
    members = [('backup/.env', f'TOGETHER_API_KEY={key}\n'.encode()), ('backup/app.log', log)]
    blob = _b64(gzip.compress(_tar_of(members), mtime=0))
    text = f'# Restoring\n\nThe backup (cut):\n\n    {blob[:len(blob) * 2 // 3]}...\n'
    return text, [(5, key)]


def cut_zip_example(m):
    # A zip cut before its central directory: zipfile opens nothing.
    key = m.key()
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('config/.env', f'# prod\nTOGETHER_API_KEY={key}\n' + '# padding\n' * 40)
        z.writestr('README.md', '# config\n' * 300)
    blob = _b64(raw.getvalue())
    text = f'attachment: {blob[:len(blob) // 2]}\n'
    return text, [(1, key)]


CASES = [
    Case('helm-release-secret', 'k8s/release.yaml', helm_release_secret),
    Case('helm-release-legacy', 'k8s/release.json', helm_release_legacy),
    Case('gzip-env-in-code', 'app/settings.py', gzip_env_in_code),
    Case('gzip-data-url', 'site/env.html', gzip_data_url),
    Case('zip-in-json', 'mail/message.json', zip_in_json),
    Case('gzip-mime-part', 'mail/env.eml', gzip_mime_part),
    Case('bzip2-urlsafe', 'links.txt', bzip2_urlsafe),
    Case('escaped-newlines-json', 'export/env.json', escaped_newlines_json),
    Case('notebook-lines', 'notebooks/setup.ipynb', notebook_lines),
    Case('truncated-gzip-example', 'docs/helm.md', truncated_gzip_example),
    Case('cut-tgz-example', 'docs/restore.md', cut_tgz_example),
    Case('cut-zip-example', 'notes/mail.yaml', cut_zip_example),
]

results, test_case = make_tests(CASES)
