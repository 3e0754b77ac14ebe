"""A fourth held-out set of keys in encoded and binary forms (round 6):
forms real tools write that the first three sets
(``encoded_heldout_test.py``, ``2``, ``3``) do not try: git's own
objects committed into another repository (a loose object, a pack, a
bundle), Terraform state (``user_data`` in base64, gzip+base64),
cloud-init ``write_files`` (``b64``, ``gz+b64``), cloud CLI output (AWS
Secrets Manager ``SecretString``/``SecretBinary``, ``gcloud secrets
versions access``, an ECS task definition), ``kubectl get secret -o
jsonpath``, Helm release secrets (``helm.sh/release.v1``: base64 of
base64 of gzip of JSON) and ConfigMap ``binaryData``, Ansible
``b64encode``, ``openssl base64``'s 64 columns, uuencode, base85 and
Ascii85, base32, ``.git-credentials``/``.netrc``, Postman environments,
HAR files (a base64 response body), a browser's localStorage as LevelDB
writes it (Latin-1 and UTF-16 values), a core file's UTF-16
environment block, Windows ``.reg`` ``hex(2):``/``hex:`` values, plists
(XML ``<data>`` and binary), Java ``.properties`` ``\\uXXXX``, Go's
``[]byte`` printed with ``%v``, C octal and hex escapes, JSON in JSON in
YAML, a Django signed cookie (zlib in base64url), hex of base64,
every character an HTML entity or ``%XX``, zstd; and decoys (random
base64, hex, base85, Ascii85, base32, uuencode; git objects, packs and
bundles of keyless trees; keyless plists, state, releases, archives).

Built by the real tools where the machine has them (``git``, ``openssl``,
``gzip``, ``zstd``, ``xxd``) and by the standard library otherwise; a
case needing a missing tool is skipped alone.  Keys are made at run time
(``tests/keys.py``); each case checks which keys its file yields.
"""
from __future__ import annotations

import base64
import binascii
import gzip
import json
import os
import plistlib
import random
import sqlite3
import struct
import subprocess
import tempfile
import zlib

from tests.accuracy import Made
from tests.accuracy import keys_and_decoys
from tests.accuracy import ToolCases
from tests.accuracy import make_tests
from tests.accuracy.encoded_heldout_test import _env
from tests.accuracy.encoded_heldout_test import _tool

STDLIB = os.path.dirname(os.__file__)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip('=')


def _stdlib(name: str) -> bytes:
    with open(os.path.join(STDLIB, name), 'rb') as f:
        return f.read()


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _git(*argv: str, cwd: str, data: bytes | None = None) -> bytes:
    env = dict(
        os.environ, GIT_CONFIG_NOSYSTEM='1', HOME=cwd, GIT_TERMINAL_PROMPT='0',
        GIT_AUTHOR_NAME='a', GIT_AUTHOR_EMAIL='a@example.com',
        GIT_COMMITTER_NAME='a', GIT_COMMITTER_EMAIL='a@example.com',
        GIT_AUTHOR_DATE='1700000000 +0000', GIT_COMMITTER_DATE='1700000000 +0000',
    )
    return subprocess.run(['git', *argv], cwd=cwd, input=data, env=env, capture_output=True, check=True).stdout


def _repo(tmp: str, files: dict[str, bytes], message: str = 'init') -> str:
    repo = os.path.join(tmp, 'r')
    os.makedirs(repo)
    _git('init', '-q', '-b', 'main', cwd=repo)
    for name, data in files.items():
        path = os.path.join(repo, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
    _git('add', '-A', cwd=repo)
    _git('commit', '-q', '-m', message, cwd=repo)
    return repo


def _read(path: str) -> bytes:
    with open(path, 'rb') as f:
        return f.read()


def _loose(data: bytes) -> bytes:
    """The loose object file ``git hash-object -w`` writes for ``data``."""
    with tempfile.TemporaryDirectory() as tmp:
        _git('init', '-q', cwd=tmp)
        oid = _git('hash-object', '-w', '--stdin', cwd=tmp, data=data).decode().strip()
        return _read(os.path.join(tmp, '.git', 'objects', oid[:2], oid[2:]))


def _pack(files: dict[str, bytes]) -> bytes:
    """The one pack ``git repack -a -d`` writes for a commit of ``files``."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = _repo(tmp, files)
        _git('repack', '-a', '-d', '-q', cwd=repo)
        packs = os.path.join(repo, '.git', 'objects', 'pack')
        name = next(n for n in os.listdir(packs) if n.endswith('.pack'))
        return _read(os.path.join(packs, name))


def _bundle(files: dict[str, bytes], message: str = 'init') -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        repo = _repo(tmp, files, message)
        _git('bundle', 'create', '-q', os.path.join(tmp, 'all.bundle'), '--all', cwd=repo)
        return _read(os.path.join(tmp, 'all.bundle'))


def _helm_release(values: dict, name: str = 'llm') -> str:
    """What Helm 3 stores in a release Secret's ``release`` field:
    base64 of gzip of the release JSON."""
    release = {
        'name': name, 'namespace': 'default', 'version': 3,
        'info': {'status': 'deployed', 'description': 'Upgrade complete'},
        'chart': {'metadata': {'name': name, 'version': '1.4.2', 'apiVersion': 'v2'}},
        'config': values,
        'manifest': '---\n# Source: llm/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\n',
    }
    return _b64(_gz(json.dumps(release).encode()))


def _helm_secret(release_b64: str, name: str = 'llm') -> bytes:
    # kubectl get secret sh.helm.release.v1.llm.v3 -o yaml: the Secret's
    # data is base64 again.
    return (
        'apiVersion: v1\ndata:\n'
        f'  release: {_b64(release_b64.encode())}\n'
        'kind: Secret\nmetadata:\n  labels:\n    name: ' + name + '\n    owner: helm\n'
        '    status: deployed\n    version: "3"\n'
        f'  name: sh.helm.release.v1.{name}.v3\n  namespace: default\n'
        'type: helm.sh/release.v1\n'
    ).encode()


def _tfstate(resources: list[dict]) -> bytes:
    return json.dumps({
        'version': 4, 'terraform_version': '1.9.8', 'serial': 12,
        'lineage': '3f0c6c2e-5b7d-4a59-9a0b-0f1d2c3b4a59', 'outputs': {},
        'resources': resources,
    }, indent=2).encode()


def _instance(attrs: dict) -> dict:
    base = {'ami': 'ami-0abcdef1234567890', 'instance_type': 't3.small', 'id': 'i-0123456789abcdef0'}
    base.update(attrs)
    return {
        'mode': 'managed', 'type': 'aws_instance', 'name': 'worker',
        'provider': 'provider["registry.terraform.io/hashicorp/aws"]',
        'instances': [{'schema_version': 1, 'attributes': base}],
    }


def _cloud_init(path: str, encoding: str, content: str) -> str:
    return (
        '#cloud-config\nwrite_files:\n'
        f'  - path: {path}\n    owner: root:root\n    permissions: "0600"\n'
        f'    encoding: {encoding}\n    content: {content}\n'
        'runcmd:\n  - [systemctl, restart, llm-worker]\n'
    )


def _reg_hex(data: bytes, kind: str, name: str) -> str:
    """A value as ``regedit /e`` writes it: comma-separated bytes, lines
    of at most 80 columns continued with ``\\``."""
    head = f'"{name}"={kind}:'
    parts = [f'{b:02x}' for b in data]
    lines, line = [], head
    for i, p in enumerate(parts):
        piece = p + (',' if i < len(parts) - 1 else '')
        if len(line) + len(piece) > 77:
            lines.append(line + '\\')
            line = '  '
        line += piece
    lines.append(line)
    return '\r\n'.join(lines)


def _ldb_record(key: bytes, value: bytes, seq: int) -> bytes:
    """A LevelDB log record of one Put (localStorage's backing store)."""
    batch = struct.pack('<QI', seq, 1) + b'\x01'
    for part in (key, value):
        n, varint = len(part), b''
        while True:
            varint += bytes([(n & 0x7F) | (0x80 if n > 0x7F else 0)])
            n >>= 7
            if not n:
                break
        batch += varint + part
    return struct.pack('<IHB', zlib.crc32(batch), len(batch), 1) + batch


# --- git's own objects, committed into another repository -----------------

def git_loose_blob_env(m: Made):
    k = m.key()
    return _loose(_env(k)), [k]


def git_loose_blob_legacy(m: Made):
    h = m.hex()
    return _loose(_env(h)), [h]


def git_loose_commit_message(m: Made):
    k = m.key()
    commit = (
        'tree 4b825dc642cb6eb9a060e54bf8d69288fbef4904\n'
        'author a <a@example.com> 1700000000 +0000\n'
        'committer a <a@example.com> 1700000000 +0000\n\n'
        f'debug: hard-code the Together key for now ({k})\n'
    ).encode()
    return _loose(commit), [k]


def git_pack_env(m: Made):
    k = m.key()
    return _pack({'.env': _env(k), 'README.md': b'# app\n'}), [k]


def git_pack_legacy_json(m: Made):
    h = m.hex()
    cfg = json.dumps({'provider': 'together', 'together_api_key': h}, indent=2).encode()
    return _pack({'config/llm.json': cfg, 'app.py': _stdlib('this.py')}), [h]


def git_bundle_env(m: Made):
    k = m.key()
    return _bundle({'deploy/.env': _env(k)}), [k]


# --- Terraform, cloud-init ---------------------------------------------------

def tfstate_user_data_b64(m: Made):
    k = m.key()
    script = f'#!/bin/bash\necho "TOGETHER_API_KEY={k}" >> /etc/environment\nsystemctl start worker\n'
    return _tfstate([_instance({'user_data_base64': _b64(script.encode())})]), [k]


def tfstate_user_data_gzip_b64(m: Made):
    h = m.hex()
    script = f'#!/bin/bash\nexport TOGETHER_API_KEY={h}\n/opt/worker/run\n'
    return _tfstate([_instance({'user_data_base64': _b64(_gz(script.encode()))})]), [h]


def cloud_init_write_files_b64(m: Made):
    k = m.key()
    return _cloud_init('/etc/llm/.env', 'b64', _b64(_env(k))).encode(), [k]


def cloud_init_write_files_gz_b64(m: Made):
    k = m.key()
    return _cloud_init('/etc/llm/.env', 'gz+b64', _b64(_gz(_env(k)))).encode(), [k]


def cloud_init_gz_b64_legacy(m: Made):
    h = m.hex()
    return _cloud_init('/etc/llm/.env', 'gzip+base64', _b64(_gz(_env(h)))).encode(), [h]


# --- cloud CLIs --------------------------------------------------------------

def aws_secretsmanager_secret_string(m: Made):
    k = m.key()
    out = {
        'ARN': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:llm-AbCdEf',
        'Name': 'llm', 'VersionId': 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
        'SecretString': json.dumps({'TOGETHER_API_KEY': k, 'region': 'us-east-1'}),
        'VersionStages': ['AWSCURRENT'], 'CreatedDate': '2026-11-30T10:00:00.000000+00:00',
    }
    return json.dumps(out, indent=4).encode(), [k]


def aws_secretsmanager_secret_binary(m: Made):
    k = m.key()
    out = {
        'ARN': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:llm-env-AbCdEf',
        'Name': 'llm-env', 'SecretBinary': _b64(_env(k)), 'VersionStages': ['AWSCURRENT'],
    }
    return json.dumps(out, indent=4).encode(), [k]


def gcloud_secret_access_json(m: Made):
    k = m.key()
    out = {
        'name': 'projects/123/secrets/together-api-key/versions/3',
        'payload': {'data': _b64(k.encode()), 'dataCrc32c': str(zlib.crc32(k.encode()))},
    }
    return json.dumps(out, indent=2).encode(), [k]


def gcloud_secret_access_legacy_env(m: Made):
    h = m.hex()
    out = {
        'name': 'projects/123/secrets/llm-env/versions/1',
        'payload': {'data': _b64(_env(h)), 'dataCrc32c': '1234567'},
    }
    return ('name: ' + out['name'] + '\npayload:\n  data: ' + out['payload']['data']
            + "\n  dataCrc32c: '1234567'\n").encode(), [h]


def ecs_task_definition_legacy(m: Made):
    h = m.hex()
    out = {'taskDefinition': {'family': 'llm', 'containerDefinitions': [{
        'name': 'worker', 'image': 'llm:1.4',
        'environment': [
            {'name': 'LOG_LEVEL', 'value': 'info'},
            {'name': 'TOGETHER_API_KEY', 'value': h},
        ],
    }]}}
    return json.dumps(out, indent=4).encode(), [h]


# --- Kubernetes, Helm, Ansible ------------------------------------------------

def kubectl_jsonpath_one_value(m: Made):
    # kubectl get secret llm -o jsonpath='{.data.TOGETHER_API_KEY}' > key.b64
    k = m.key()
    return _b64(k.encode()).encode(), [k]


def kubectl_jsonpath_data_map(m: Made):
    h = m.hex()
    data = {'LOG_LEVEL': _b64(b'info'), 'TOGETHER_API_KEY': _b64(h.encode())}
    return json.dumps(data, separators=(',', ':')).encode(), [h]


def helm_release_secret(m: Made):
    k = m.key()
    return _helm_secret(_helm_release({'together': {'apiKey': k}, 'replicaCount': 2})), [k]


def helm_release_secret_legacy(m: Made):
    h = m.hex()
    return _helm_secret(_helm_release({'env': {'TOGETHER_API_KEY': h}})), [h]


def helm_release_configmap(m: Made):
    # --storage configmap (HELM_DRIVER=configmap): one base64.
    k = m.key()
    return (
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sh.helm.release.v1.llm.v1\n'
        '  labels:\n    owner: helm\ndata:\n'
        f'  release: {_helm_release({"llm": {"together_api_key": k}})}\n'
    ).encode(), [k]


def configmap_binary_data_env(m: Made):
    k = m.key()
    return (
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: llm-files\n'
        f'binaryData:\n  dotenv: {_b64(_env(k))}\n'
    ).encode(), [k]


def ansible_b64encode_vars(m: Made):
    k = m.key()
    return (
        '---\n# group_vars/prod.yml (rendered by ansible-inventory --list)\n'
        f'llm_env_b64: "{_b64(_env(k))}"\nllm_replicas: 3\n'
    ).encode(), [k]


def ansible_debug_output(m: Made):
    h = m.hex()
    msg = _b64(f'TOGETHER_API_KEY={h}'.encode())
    return (
        'TASK [llm : show rendered secret] ******************************\n'
        'ok: [worker-1] => {\n    "msg": "' + msg + '"\n}\n'
    ).encode(), [h]


# --- text encodings real tools write ---------------------------------------------

def openssl_base64_env(m: Made):
    k = m.key()
    return _tool('openssl', 'base64', data=_env(k)), [k]


def openssl_base64_legacy(m: Made):
    h = m.hex()
    return _tool('openssl', 'base64', data=_env(h) * 3), [h]


def uuencode_env(m: Made):
    k = m.key()
    data = _env(k)
    lines = [b'begin 600 .env']
    lines += [binascii.b2a_uu(data[i:i + 45]).rstrip(b'\n') for i in range(0, len(data), 45)]
    lines += [b'`', b'end', b'']
    return b'\n'.join(lines), [k]


def base85_env(m: Made):
    k = m.key()
    return base64.b85encode(_env(k)) + b'\n', [k]


def ascii85_adobe_legacy(m: Made):
    h = m.hex()
    return base64.a85encode(_env(h), adobe=True, wrapcol=72) + b'\n', [h]


def base32_env(m: Made):
    k = m.key()
    return base64.b32encode(_env(k)) + b'\n', [k]


def hex_of_b64_xxd(m: Made):
    k = m.key()
    return _tool('xxd', '-p', data=_b64(_env(k)).encode()), [k]


def html_entities_every_char(m: Made):
    k = m.key()
    ents = ''.join(f'&#x{ord(c):x};' for c in k)
    return f'<input type="hidden" name="together_api_key" value="{ents}">\n'.encode(), [k]


def percent_every_byte_log(m: Made):
    h = m.hex()
    q = ''.join(f'%{b:02X}' for b in f'TOGETHER_API_KEY={h}'.encode())
    return f'10.0.0.7 - - [30/Nov/2026:10:00:00 +0000] "GET /hook?env={q} HTTP/1.1" 200 2\n'.encode(), [h]


def c_octal_escapes(m: Made):
    k = m.key()
    esc = ''.join(f'\\{b:03o}' for b in k.encode())
    return f'static const char *together_api_key = "{esc}";\n'.encode(), [k]


def c_hex_escapes(m: Made):
    k = m.key()
    esc = ''.join(f'\\x{b:02x}' for b in k.encode())
    return f'#define TOGETHER_API_KEY "{esc}"\n'.encode(), [k]


def go_byte_slice_v(m: Made):
    # fmt.Printf("%v\n", []byte(key)): decimals in brackets, spaces.
    k = m.key()
    return ('together key bytes: [' + ' '.join(str(b) for b in k.encode()) + ']\n').encode(), [k]


def java_properties_unicode(m: Made):
    # native2ascii -encoding UTF-8 (or an IDE) escapes every character.
    k = m.key()
    esc = ''.join(f'\\u{ord(c):04x}' for c in k)
    return f'# llm.properties\ntogether.api.key={esc}\nllm.timeout=30\n'.encode(), [k]


def django_signed_cookie_zlib(m: Made):
    # django.core.signing.dumps(obj, compress=True): '.' + base64url(zlib).
    k = m.key()
    payload = json.dumps({'together_api_key': k, 'pad': 'x' * 80}, separators=(',', ':')).encode()
    value = '.' + _b64url(zlib.compress(payload)) + ':1tZkQx:' + _b64url(bytes(range(20, 52)))
    return f'Cookie: sessionid={value}\n'.encode(), [k]


def zstd_env(m: Made):
    k = m.key()
    return _tool('zstd', '-q', '-c', data=_env(k)), [k]


def json_in_json_in_yaml(m: Made):
    k = m.key()
    inner = json.dumps({'provider': 'together', 'api_key': k})
    outer = json.dumps({'llm': inner, 'v': 2})
    return f'config:\n  settings.json: {json.dumps(outer)}\n'.encode(), [k]


def json_in_json_legacy(m: Made):
    h = m.hex()
    inner = json.dumps({'TOGETHER_API_KEY': h})
    return json.dumps({'containerEnv': inner}).encode(), [h]


# --- credentials, API clients, browsers ----------------------------------------------

def git_credentials_url_legacy(m: Made):
    h = m.hex()
    return f'https://svc:{h}@api.together.xyz\nhttps://ci:x@github.com\n'.encode(), [h]


def netrc_legacy(m: Made):
    h = m.hex()
    return f'machine github.com login ci password x\nmachine api.together.xyz login svc password {h}\n'.encode(), [h]


def postman_environment(m: Made):
    k = m.key()
    env = {
        'id': 'e3a1c6f0-1111-4d2b-9a0b-0f1d2c3b4a59', 'name': 'Together prod',
        'values': [
            {'key': 'baseUrl', 'value': 'https://api.together.xyz/v1', 'type': 'default', 'enabled': True},
            {'key': 'together_api_key', 'value': k, 'type': 'secret', 'enabled': True},
        ],
        '_postman_variable_scope': 'environment',
    }
    return json.dumps(env, indent='\t').encode(), [k]


def postman_collection_bearer_legacy(m: Made):
    h = m.hex()
    coll = {'info': {'name': 'Together'}, 'item': [{
        'name': 'models',
        'request': {
            'auth': {'type': 'bearer', 'bearer': [{'key': 'token', 'value': h, 'type': 'string'}]},
            'method': 'GET', 'url': {'raw': 'https://api.together.xyz/v1/models'},
        },
    }]}
    return json.dumps(coll, indent='\t').encode(), [h]


def har_response_base64(m: Made):
    k = m.key()
    body = json.dumps({'settings': {'together_api_key': k, 'theme': 'dark'}}).encode()
    har = {'log': {'version': '1.2', 'entries': [{
        'request': {'method': 'GET', 'url': 'https://app.example.com/api/settings', 'headers': []},
        'response': {'status': 200, 'content': {
            'size': len(body), 'mimeType': 'application/json', 'text': _b64(body), 'encoding': 'base64',
        }},
    }]}}
    return json.dumps(har, indent=2).encode(), [k]


def har_post_data_env(m: Made):
    h = m.hex()
    har = {'log': {'entries': [{'request': {
        'method': 'POST', 'url': 'https://api.together.xyz/v1/chat/completions',
        'headers': [{'name': 'Authorization', 'value': f'Bearer {h}'}],
        'postData': {'mimeType': 'application/json', 'text': '{"model":"m"}'},
    }}]}}
    return json.dumps(har, indent=2).encode(), [h]


def leveldb_local_storage_latin1(m: Made):
    # Chrome's Local Storage/leveldb/000003.log: key '_' origin NUL 0x01
    # name, value 0x01 + Latin-1.
    k = m.key()
    rec = _ldb_record(b'_https://app.example.com\x00\x01together_api_key', b'\x01' + k.encode(), 7)
    rec += _ldb_record(b'_https://app.example.com\x00\x01theme', b'\x01dark', 8)
    return b'\x00' * 4 + rec, [k]


def leveldb_local_storage_utf16(m: Made):
    # A value with a non-Latin-1 character is stored 0x00 + UTF-16LE.
    k = m.key()
    value = b'\x00' + json.dumps({'key': k, 'name': 'Together \u2713'}).encode('utf-16-le')
    rec = _ldb_record(b'_https://app.example.com\x00\x01llm', value, 9)
    return rec, [k]


def firefox_webappsstore_sqlite(m: Made):
    k = m.key()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'webappsstore.sqlite')
        con = sqlite3.connect(path)
        con.execute('CREATE TABLE webappsstore2 (originAttributes TEXT, originKey TEXT, scope TEXT, key TEXT, value TEXT)')
        con.executemany('INSERT INTO webappsstore2 VALUES (?,?,?,?,?)', [
            ('', 'moc.elpmaxe.ppa.:https:443', '', 'theme', 'dark'),
            ('', 'moc.elpmaxe.ppa.:https:443', '', 'together_api_key', k),
        ])
        con.commit()
        con.close()
        return _read(path), [k]


# --- Windows, Apple, core files -----------------------------------------------------

def core_utf16_environment_block(m: Made):
    k = m.key()
    rng = random.Random('core')
    env = '\0'.join(['ALLUSERSPROFILE=C:\\ProgramData', f'TOGETHER_API_KEY={k}', 'windir=C:\\Windows']) + '\0\0'
    return rng.randbytes(3000) + env.encode('utf-16-le') + rng.randbytes(3000), [k]


def reg_expand_sz_hex2(m: Made):
    k = m.key()
    text = ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Environment]\r\n'
            + _reg_hex((k + '\0').encode('utf-16-le'), 'hex(2)', 'TOGETHER_API_KEY') + '\r\n')
    return b'\xff\xfe' + text.encode('utf-16-le'), [k]


def reg_expand_sz_hex2_legacy(m: Made):
    h = m.hex()
    text = ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Environment]\r\n'
            + _reg_hex((h + '\0').encode('utf-16-le'), 'hex(2)', 'TOGETHER_API_KEY') + '\r\n')
    return text.encode(), [h]


def reg_binary_hex(m: Made):
    k = m.key()
    text = ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\LLM]\r\n'
            + _reg_hex(json.dumps({'together_api_key': k}).encode(), 'hex', 'Settings') + '\r\n')
    return text.encode(), [k]


def plist_xml_data(m: Made):
    k = m.key()
    return plistlib.dumps({'TogetherAPIKey': k.encode(), 'Endpoint': 'https://api.together.xyz'}), [k]


def plist_binary(m: Made):
    k = m.key()
    return plistlib.dumps({'TogetherAPIKey': k, 'Retries': 3}, fmt=plistlib.FMT_BINARY), [k]


def plist_binary_legacy(m: Made):
    h = m.hex()
    return plistlib.dumps({'EnvironmentVariables': {'TOGETHER_API_KEY': h}}, fmt=plistlib.FMT_BINARY), [h]


def pyrepr_utf16_bytes(m: Made):
    # print(open('env16.txt', 'rb').read()): Python's bytes repr of UTF-16.
    k = m.key()
    return f'{_env(k).decode().encode("utf-16")!r}\n'.encode(), [k]


# --- decoys: no key in any of these -------------------------------------------------

def _rand(m: Made, n: int) -> bytes:
    return m.rng.randbytes(n)


def decoy_openssl_base64_random(m: Made):
    return _tool('openssl', 'base64', data=_rand(m, 4000)), []


def decoy_xxd_random(m: Made):
    return _tool('xxd', '-p', data=_rand(m, 4000)), []


def decoy_base85_random(m: Made):
    return base64.b85encode(_rand(m, 3000)) + b'\n', []


def decoy_ascii85_random(m: Made):
    return base64.a85encode(_rand(m, 3000), adobe=True, wrapcol=72) + b'\n', []


def decoy_base32_random(m: Made):
    return base64.b32encode(_rand(m, 2000)) + b'\n', []


def decoy_uuencode_random(m: Made):
    data = _rand(m, 2000)
    lines = [b'begin 644 blob.bin']
    lines += [binascii.b2a_uu(data[i:i + 45]).rstrip(b'\n') for i in range(0, len(data), 45)]
    return b'\n'.join(lines + [b'`', b'end', b'']), []


def decoy_git_loose_stdlib(m: Made):
    return _loose(_stdlib('json/decoder.py')), []


def decoy_git_pack_stdlib(m: Made):
    return _pack({'json/decoder.py': _stdlib('json/decoder.py'), 'this.py': _stdlib('this.py'),
                  'notes.md': b'We call the Together API through TOGETHER_API_KEY.\n'}), []


def decoy_git_bundle_placeholder(m: Made):
    return _bundle({'.env.example': b'TOGETHER_API_KEY=\nLOG_LEVEL=info\n'},
                   'docs: read TOGETHER_API_KEY from the environment'), []


def decoy_tfstate_no_key(m: Made):
    script = '#!/bin/bash\nexport TOGETHER_API_KEY="$(aws ssm get-parameter --name together --query Parameter.Value)"\n'
    sha = _b64(bytes(m.rng.randbytes(32)))
    return _tfstate([_instance({'user_data_base64': _b64(_gz(script.encode())), 'user_data_replace_on_change': sha})]), []


def decoy_helm_release_no_key(m: Made):
    return _helm_secret(_helm_release({'together': {'existingSecret': 'together-api-key'}, 'digest': m.rng.randbytes(32).hex()})), []


def decoy_cloud_init_gz_b64_script(m: Made):
    return _cloud_init('/opt/llm/run.sh', 'gz+b64', _b64(_gz(_stdlib('this.py')))).encode(), []


def decoy_plist_binary_random(m: Made):
    return plistlib.dumps({'Salt': _rand(m, 64), 'Digest': m.rng.randbytes(32).hex(), 'Provider': 'together'},
                          fmt=plistlib.FMT_BINARY), []


def decoy_plist_xml_data_random(m: Made):
    return plistlib.dumps({'Blob': _rand(m, 600), 'Provider': 'together'}), []


def decoy_reg_hex2_path(m: Made):
    text = ('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Environment]\r\n'
            + _reg_hex('%USERPROFILE%\\AppData\\Local\\together\\bin\0'.encode('utf-16-le'), 'hex(2)', 'Path')
            + '\r\n' + _reg_hex(_rand(m, 64), 'hex', 'TogetherCache') + '\r\n')
    return text.encode(), []


def decoy_zstd_stdlib(m: Made):
    return _tool('zstd', '-q', '-c', data=_stdlib('json/decoder.py')), []


def decoy_core_random(m: Made):
    env = '\0'.join(['TOGETHER_API_KEY=%TOGETHER_API_KEY%', 'windir=C:\\Windows']) + '\0\0'
    return _rand(m, 4000) + env.encode('utf-16-le') + _rand(m, 4000), []


def decoy_postman_placeholder(m: Made):
    env = {'name': 'Together', 'values': [
        {'key': 'together_api_key', 'value': '{{TOGETHER_API_KEY}}', 'type': 'secret', 'enabled': True},
        {'key': 'digest', 'value': m.rng.randbytes(32).hex(), 'type': 'default', 'enabled': True},
    ]}
    return json.dumps(env, indent='\t').encode(), []


def decoy_har_image(m: Made):
    png = b'\x89PNG\r\n\x1a\n' + _rand(m, 1500)
    har = {'log': {'entries': [{
        'request': {'method': 'GET', 'url': 'https://www.together.ai/logo.png'},
        'response': {'status': 200, 'content': {'mimeType': 'image/png', 'text': _b64(png), 'encoding': 'base64'}},
    }]}}
    return json.dumps(har, indent=2).encode(), []


def decoy_c_octal_random(m: Made):
    esc = ''.join(f'\\{b:03o}' for b in _rand(m, 64))
    return f'static const unsigned char together_salt[] = "{esc}";\n'.encode(), []


def decoy_java_properties_unicode_text(m: Made):
    esc = ''.join(f'\\u{ord(c):04x}' for c in 'Together API \u5bc6\u94a5\u672a\u8bbe\u7f6e')
    return f'error.together.key.missing={esc}\n'.encode(), []


def decoy_django_cookie_no_key(m: Made):
    payload = json.dumps({'user': 7, 'provider': 'together', 'pad': 'x' * 80}).encode()
    return f'Cookie: sessionid=.{_b64url(zlib.compress(payload))}:1tZkQx:{_b64url(_rand(m, 32))}\n'.encode(), []


def decoy_json_in_json_key_id(m: Made):
    inner = json.dumps({'provider': 'together', 'api_key_id': 'key_' + m.rng.randbytes(12).hex()})
    return json.dumps({'llm': inner}).encode(), []


def decoy_html_entities_text(m: Made):
    ents = ''.join(f'&#x{ord(c):x};' for c in 'Set TOGETHER_API_KEY in your environment')
    return f'<p>{ents}</p>\n'.encode(), []


# Each case with the tools its file needs (tests/accuracy.ToolCases).
_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


_OBJ = 'vendor/old-repo.git/objects'
ALL_CASES = [
    _case(git_loose_blob_env, f'{_OBJ}/3a/4f1e0c9b2d7a6e5f8c1b0a9d8e7f6a5b4c3d2e1f', 'git'),
    _case(git_loose_blob_legacy, f'{_OBJ}/5c/0b1e0c9b2d7a6e5f8c1b0a9d8e7f6a5b4c3d2e1f', 'git'),
    _case(git_loose_commit_message, f'{_OBJ}/7d/1c2e0c9b2d7a6e5f8c1b0a9d8e7f6a5b4c3d2e1f', 'git'),
    _case(git_pack_env, f'{_OBJ}/pack/pack-1a2b3c.pack', 'git'),
    _case(git_pack_legacy_json, f'{_OBJ}/pack/pack-4d5e6f.pack', 'git'),
    _case(git_bundle_env, 'backup/app.bundle', 'git'),
    _case(tfstate_user_data_b64, 'infra/terraform.tfstate'),
    _case(tfstate_user_data_gzip_b64, 'infra/prod.tfstate'),
    _case(cloud_init_write_files_b64, 'cloud/user-data.yaml'),
    _case(cloud_init_write_files_gz_b64, 'cloud/user-data-gz.yaml'),
    _case(cloud_init_gz_b64_legacy, 'cloud/legacy-user-data.yaml'),
    _case(aws_secretsmanager_secret_string, 'aws/get-secret-value.json'),
    _case(aws_secretsmanager_secret_binary, 'aws/get-secret-binary.json'),
    _case(gcloud_secret_access_json, 'gcp/access.json'),
    _case(gcloud_secret_access_legacy_env, 'gcp/access-env.yaml'),
    _case(ecs_task_definition_legacy, 'aws/task-def.json'),
    _case(kubectl_jsonpath_one_value, 'k8s/key.b64'),
    _case(kubectl_jsonpath_data_map, 'k8s/data.json'),
    _case(helm_release_secret, 'k8s/helm-release.yaml'),
    _case(helm_release_secret_legacy, 'k8s/helm-release-legacy.yaml'),
    _case(helm_release_configmap, 'k8s/helm-release-cm.yaml'),
    _case(configmap_binary_data_env, 'k8s/binary-cm.yaml'),
    _case(ansible_b64encode_vars, 'ansible/prod.yml'),
    _case(ansible_debug_output, 'ansible/run.log'),
    _case(openssl_base64_env, 'enc/env.openssl.b64', 'openssl'),
    _case(openssl_base64_legacy, 'enc/legacy.openssl.b64', 'openssl'),
    _case(uuencode_env, 'enc/env.uu'),
    _case(base85_env, 'enc/env.b85'),
    _case(ascii85_adobe_legacy, 'enc/env.a85'),
    _case(base32_env, 'enc/env.b32'),
    _case(hex_of_b64_xxd, 'enc/env.b64.hex', 'xxd'),
    _case(html_entities_every_char, 'web/form.html'),
    _case(percent_every_byte_log, 'web/access.log'),
    _case(c_octal_escapes, 'src/key_octal.c'),
    _case(c_hex_escapes, 'src/key_hex.h'),
    _case(go_byte_slice_v, 'logs/go-debug.txt'),
    _case(java_properties_unicode, 'src/llm.properties'),
    _case(django_signed_cookie_zlib, 'http/cookie.txt'),
    _case(zstd_env, 'backup/env.zst', 'zstd'),
    _case(json_in_json_in_yaml, 'cfg/nested.yaml'),
    _case(json_in_json_legacy, 'cfg/devcontainer-env.json'),
    _case(git_credentials_url_legacy, 'home/.git-credentials'),
    _case(netrc_legacy, 'home/.netrc'),
    _case(postman_environment, 'postman/prod.postman_environment.json'),
    _case(postman_collection_bearer_legacy, 'postman/together.postman_collection.json'),
    _case(har_response_base64, 'har/settings.har'),
    _case(har_post_data_env, 'har/chat.har'),
    _case(leveldb_local_storage_latin1, 'browser/Local Storage/leveldb/000003.log'),
    _case(leveldb_local_storage_utf16, 'browser/Local Storage/leveldb/000005.log'),
    _case(firefox_webappsstore_sqlite, 'browser/webappsstore.sqlite'),
    _case(core_utf16_environment_block, 'dumps/worker.dmp'),
    _case(reg_expand_sz_hex2, 'win/env16.reg'),
    _case(reg_expand_sz_hex2_legacy, 'win/env.reg'),
    _case(reg_binary_hex, 'win/settings.reg'),
    _case(plist_xml_data, 'mac/llm.plist'),
    _case(plist_binary, 'mac/llm-bin.plist'),
    _case(plist_binary_legacy, 'mac/launchd.plist'),
    _case(pyrepr_utf16_bytes, 'logs/repr.txt'),
    _case(decoy_openssl_base64_random, 'decoys/random.openssl.b64', 'openssl'),
    _case(decoy_xxd_random, 'decoys/random.hex', 'xxd'),
    _case(decoy_base85_random, 'decoys/random.b85'),
    _case(decoy_ascii85_random, 'decoys/random.a85'),
    _case(decoy_base32_random, 'decoys/random.b32'),
    _case(decoy_uuencode_random, 'decoys/random.uu'),
    _case(decoy_git_loose_stdlib, f'decoys/{_OBJ}/9e/8f7e0c9b2d7a6e5f8c1b0a9d8e7f6a5b4c3d2e1f', 'git'),
    _case(decoy_git_pack_stdlib, f'decoys/{_OBJ}/pack/pack-9f8e7d.pack', 'git'),
    _case(decoy_git_bundle_placeholder, 'decoys/app.bundle', 'git'),
    _case(decoy_tfstate_no_key, 'decoys/terraform.tfstate'),
    _case(decoy_helm_release_no_key, 'decoys/helm-release.yaml'),
    _case(decoy_cloud_init_gz_b64_script, 'decoys/user-data.yaml'),
    _case(decoy_plist_binary_random, 'decoys/salt.plist'),
    _case(decoy_plist_xml_data_random, 'decoys/blob.plist'),
    _case(decoy_reg_hex2_path, 'decoys/path.reg'),
    _case(decoy_zstd_stdlib, 'decoys/decoder.py.zst', 'zstd'),
    _case(decoy_core_random, 'decoys/worker.dmp'),
    _case(decoy_postman_placeholder, 'decoys/env.postman_environment.json'),
    _case(decoy_har_image, 'decoys/logo.har'),
    _case(decoy_c_octal_random, 'decoys/salt.c'),
    _case(decoy_java_properties_unicode_text, 'decoys/messages_zh.properties'),
    _case(decoy_django_cookie_no_key, 'decoys/cookie.txt'),
    _case(decoy_json_in_json_key_id, 'decoys/key-id.json'),
    _case(decoy_html_entities_text, 'decoys/help.html'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (5e14011): 45 of 58 keys found, 0 of 24 decoys reported.
MISSED: dict[str, str] = {
    # Every character escaped, the legacy key's name too: no pair of the
    # name's characters as ``%XX`` holds an anchor the screen searches (a
    # mark would add an anchor group, 10 -> 11, and a plain route: ``Rule.escape_marks``).
    'percent-every-byte-log': 'every byte percent-encoded (legacy key and its name): its mark costs a screen pass',
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 50 and decoys >= 20, (keys, decoys)
