"""An eighth held-out set of keys in encoded forms (session 26): what
real tools write when they encode a file or value holding a key, in
shapes the first seven sets (``encoded_heldout_test.py``, ``2`` to
``7``) do not try.  Helm release Secrets read back with ``kubectl -o
yaml`` (legacy key), ConfigMap ``binaryData`` of gzip, a
``.dockerconfigjson`` with a legacy key, Azure Key Vault and AWS SSM
exports, Terraform ``custom_data`` (base64 of gzip of cloud-config),
EC2 user data as base64 of a MIME multipart (a base64 part inside it),
GitHub Actions logs with a timestamp before each base64 line, a JWS whose
payload is raw deflate (``zip: DEF``), data: URIs with a ``charset``
parameter, e-mail attachments of ``.env.gz`` and zip, a Celery message
(base64 of a pickle), base64 of marshal, gRPC-web text frames, MessagePack
in JSON, base64 split over a JSON array, base64 wrapped with JSON ``\\n``
escapes or XML ``&#xA;`` entities, ``hexdump``'s default 16-bit words,
``xxd -p`` of gzip, a whole ``.env`` percent-encoded in a URL fragment;
and decoys (sealed secrets, SOPS and Ansible Vault ciphertext, ``openssl
enc`` ``Salted__`` blobs, PGP and age armour, SRI and Nix hashes, other
providers' keys near "together", encoded placeholders, a TLS Secret).

Built by the real tools where the machine has them (``xxd``,
``hexdump``, ``base64``) and by the standard library otherwise; a case
needing a missing tool is skipped alone.  Keys are made at run time
(``tests/keys.py``); each case checks which keys its file yields.
"""
from __future__ import annotations

import base64
import bz2
import gzip
import io
import json
import marshal
import pickle
import struct
import urllib.parse
import zipfile
import zlib

from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout4_test import _helm_release
from tests.accuracy.encoded_heldout4_test import _helm_secret
from tests.accuracy.encoded_heldout4_test import _stdlib
from tests.accuracy.encoded_heldout5_test import _b64
from tests.accuracy.encoded_heldout5_test import _b64url
from tests.accuracy.encoded_heldout5_test import _legacy_env
from tests.accuracy.encoded_heldout7_test import _msgpack_map
from tests.accuracy.encoded_heldout7_test import _pb_str
from tests.accuracy.encoded_heldout_test import _env
from tests.accuracy.encoded_heldout_test import _tool
from tests.accuracy.encoded_heldout_test import _tool_file


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _wrap(text: str, width: int = 76, sep: str = '\n') -> str:
    return sep.join(text[i:i + width] for i in range(0, len(text), width))


def _mime(parts: list[tuple[str, str, bytes]], boundary: str = '==b0undary==') -> bytes:
    """A multipart message: (content type, filename or '', body) parts; a
    part with a filename is base64, 76 a line, CRLF (RFC 2045)."""
    out = [f'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n']
    for ctype, name, body in parts:
        out.append(f'--{boundary}\r\nContent-Type: {ctype}\r\n')
        if name:
            out.append(f'Content-Transfer-Encoding: base64\r\n'
                       f'Content-Disposition: attachment; filename="{name}"\r\n\r\n'
                       + _wrap(_b64(body), 76, '\r\n') + '\r\n')
        else:
            out.append('Content-Transfer-Encoding: 7bit\r\n\r\n' + body.decode() + '\r\n')
    out.append(f'--{boundary}--\r\n')
    return ''.join(out).encode()


def _k8s_yaml(kind: str, name: str, field: str, data: dict[str, str]) -> bytes:
    body = ''.join(f'  {k}: {v}\n' for k, v in data.items())
    return (f'apiVersion: v1\n{field}:\n{body}kind: {kind}\nmetadata:\n'
            f'  name: {name}\n  namespace: llm\n').encode()


def _other_key(m: Made, prefix: str, n: int) -> str:
    alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
    return prefix + ''.join(m.rng.choice(alnum) for _ in range(n))


# --- Kubernetes and Helm --------------------------------------------------------------

def helm_release_kubectl_yaml_legacy(m: Made):
    h = m.hex()
    values = {'together': {'apiKey': h, 'baseUrl': 'https://api.together.xyz/v1'}}
    return _helm_secret(_helm_release(values)), [h]


def helm_release_subchart_values(m: Made):
    k = m.key()
    values = {'gateway': {'replicas': 2, 'env': [{'name': 'TOGETHER_API_KEY', 'value': k}]}}
    return _helm_secret(_helm_release(values, name='gateway'), name='gateway'), [k]


def configmap_binary_data_gzip_env(m: Made):
    k = m.key()
    return _k8s_yaml('ConfigMap', 'llm-env', 'binaryData', {'env.gz': _b64(_gz(_env(k)))}), [k]


def configmap_binary_data_legacy_json(m: Made):
    h = m.hex()
    cfg = json.dumps({'provider': 'together', 'together_api_key': h}).encode()
    return _k8s_yaml('ConfigMap', 'llm', 'binaryData', {'config.json': _b64(cfg)}), [h]


def dockerconfigjson_legacy(m: Made):
    h = m.hex()
    cfg = {'auths': {'registry.together.xyz': {'username': 'together', 'password': h,
                                               'auth': _b64(f'together:{h}'.encode())}}}
    doc = {'apiVersion': 'v1', 'kind': 'Secret', 'type': 'kubernetes.io/dockerconfigjson',
           'metadata': {'name': 'regcred'}, 'data': {'.dockerconfigjson': _b64(json.dumps(cfg).encode())}}
    return json.dumps(doc, indent=4).encode() + b'\n', [h]


def k8s_secret_env_with_utf8_bom(m: Made):
    k = m.key()
    return _k8s_yaml('Secret', 'llm', 'data', {'.env': _b64(b'\xef\xbb\xbf' + _env(k).replace(b'\n', b'\r\n'))}), [k]


# --- clouds ------------------------------------------------------------------------------

def azure_keyvault_secret_show(m: Made):
    k = m.key()
    doc = {'attributes': {'enabled': True, 'recoveryLevel': 'Recoverable+Purgeable'},
           'contentType': 'application/octet-stream; base64',
           'id': 'https://llm-kv.vault.azure.net/secrets/dotenv/4c2f0d1e',
           'name': 'dotenv', 'tags': {}, 'value': _b64(_env(k))}
    return json.dumps(doc, indent=2).encode() + b'\n', [k]


def aws_ssm_parameter_gzip_legacy(m: Made):
    h = m.hex()
    doc = {'Parameter': {'Name': '/llm/prod/env.gz', 'Type': 'SecureString',
                         'Value': _b64(_gz(_legacy_env(h))), 'Version': 3,
                         'ARN': 'arn:aws:ssm:us-east-1:123456789012:parameter/llm/prod/env.gz',
                         'DataType': 'text'}}
    return json.dumps(doc, indent=4).encode() + b'\n', [h]


def tfstate_azure_custom_data_gzip(m: Made):
    k = m.key()
    cloud = f'#cloud-config\nwrite_files:\n  - path: /etc/llm.env\n    content: |\n      TOGETHER_API_KEY={k}\n'
    res = {'mode': 'managed', 'type': 'azurerm_linux_virtual_machine', 'name': 'worker',
           'provider': 'provider["registry.terraform.io/hashicorp/azurerm"]',
           'instances': [{'schema_version': 0, 'attributes': {
               'admin_username': 'azureuser', 'custom_data': _b64(_gz(cloud.encode())),
               'location': 'westeurope', 'size': 'Standard_B2s'},
               'sensitive_attributes': [[{'type': 'get_attr', 'value': 'custom_data'}]]}]}
    return json.dumps({'version': 4, 'terraform_version': '1.9.8', 'serial': 7,
                       'resources': [res]}, indent=2).encode(), [k]


def ec2_user_data_mime_multipart(m: Made):
    k = m.key()
    script = f'#!/bin/bash\necho "TOGETHER_API_KEY={k}" >> /etc/environment\n'.encode()
    mime = _mime([('text/cloud-config; charset="us-ascii"', '', b'#cloud-config\npackages: [jq]'),
                  ('text/x-shellscript; charset="us-ascii"', '', script)])
    doc = {'InstanceId': 'i-0123456789abcdef0', 'UserData': {'Value': _b64(mime)}}
    return json.dumps(doc, indent=4).encode() + b'\n', [k]


def ec2_user_data_mime_b64_part(m: Made):
    k = m.key()
    mime = _mime([('text/x-shellscript', 'setup.sh', f'#!/bin/sh\nexport TOGETHER_API_KEY={k}\n'.encode())])
    return f'UserData: {_b64(mime)}\n'.encode(), [k]


# --- CI logs -----------------------------------------------------------------------------

def gha_log_timestamped_b64(m: Made):
    k = m.key()
    return ('2026-12-01T10:00:00.1234567Z ##[group]Run echo "$TOGETHER_API_KEY" | base64\n'
            '2026-12-01T10:00:00.1234567Z ##[endgroup]\n'
            f'2026-12-01T10:00:01.2345678Z {_b64((k + chr(10)).encode())}\n').encode(), [k]


def gha_log_wrapped_b64_timestamped(m: Made):
    k = m.key()
    lines = _wrap(_b64(_env(k)), 76).split('\n')
    out = '2026-12-01T10:00:00.1000000Z ##[group]Run base64 .env\n2026-12-01T10:00:00.1000000Z ##[endgroup]\n'
    out += ''.join(f'2026-12-01T10:00:01.{i:07d}Z {ln}\n' for i, ln in enumerate(lines))
    return out.encode(), [k]


# --- tokens and URIs ---------------------------------------------------------------------

def jws_deflate_payload(m: Made):
    k = m.key()
    head = _b64url(json.dumps({'zip': 'DEF', 'alg': 'ES256', 'kid': 'k1'}).encode())
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = comp.compress(json.dumps({'iss': 'https://issuer.example.com', 'together_api_key': k}).encode()) + comp.flush()
    return f'token: {head}.{_b64url(raw)}.{_b64url(m.rng.randbytes(64))}\n'.encode(), [k]


def data_uri_css_charset(m: Made):
    k = m.key()
    return (f'.debug::after {{\n  content: url("data:text/plain;charset=utf-8;base64,{_b64(_env(k))}");\n}}\n').encode(), [k]


def data_uri_markdown_json_legacy(m: Made):
    h = m.hex()
    cfg = json.dumps({'provider': 'together', 'api_key': h}).encode()
    return f'Download the [config](data:application/json;charset=utf-8;base64,{_b64(cfg)}) and import it.\n'.encode(), [h]


def fragment_percent_env_legacy(m: Made):
    h = m.hex()
    frag = urllib.parse.quote(_legacy_env(h).decode(), safe='')
    return f'Share link: https://playground.example.com/#env={frag}\n'.encode(), [h]


# --- mail --------------------------------------------------------------------------------

def eml_attachment_env_gz(m: Made):
    k = m.key()
    head = b'From: ops@example.com\r\nTo: dev@example.com\r\nSubject: prod env\r\n'
    return head + _mime([('text/plain', '', b'attached, do not forward'),
                         ('application/gzip', '.env.gz', _gz(_env(k)))]), [k]


def eml_attachment_zip_legacy(m: Made):
    h = m.hex()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('together.env', _legacy_env(h))
    head = b'From: ops@example.com\r\nSubject: keys\r\n'
    return head + _mime([('application/zip', 'env.zip', buf.getvalue())]), [h]


def eml_qp_body_and_b64_part(m: Made):
    k1, k2 = m.key(), m.key()
    body = (f'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
            f'Use TOGETHER_API_KEY=3D{k1} for staging.=\r\n\r\n').encode()
    att = _mime([('text/plain', 'prod.env', _env(k2))], boundary='inner')
    return b'Subject: keys\r\nContent-Type: multipart/mixed; boundary="outer"\r\n\r\n--outer\r\n' + body + b'--outer\r\n' + att + b'--outer--\r\n', [k1, k2]


# --- serialized data in base64 ------------------------------------------------------------

def celery_pickle_message(m: Made):
    k = m.key()
    body = pickle.dumps(((), {'api_key': k, 'model': 'llama'}, {'callbacks': None}), protocol=4)
    msg = {'body': _b64(body), 'content-encoding': 'binary', 'content-type': 'application/x-python-serialize',
           'headers': {'task': 'llm.tasks.complete', 'id': 'b6c5a0e2'}, 'properties': {'body_encoding': 'base64'}}
    return json.dumps(msg).encode() + b'\n', [k]


def marshal_b64_legacy(m: Made):
    h = m.hex()
    return f'CACHE = "{_b64(marshal.dumps({"provider": "together", "together_api_key": h}))}"\n'.encode(), [h]


def grpc_web_text_frame(m: Made):
    k = m.key()
    msg = _pb_str(1, 'together') + _pb_str(2, k)
    frame = b'\x00' + struct.pack('>I', len(msg)) + msg
    trailer = b'grpc-status:0\r\n'
    frames = frame + b'\x80' + struct.pack('>I', len(trailer)) + trailer
    return (b'HTTP/1.1 200 OK\ncontent-type: application/grpc-web-text\n\n' + _b64(frames).encode() + b'\n'), [k]


def msgpack_b64_in_json(m: Made):
    k = m.key()
    return json.dumps({'v': 2, 'payload': _b64(_msgpack_map({'together_api_key': k, 'region': 'us'}))}).encode(), [k]


def bz2_b64_json_legacy(m: Made):
    h = m.hex()
    return json.dumps({'snapshot': _b64(bz2.compress(_legacy_env(h)))}).encode() + b'\n', [h]


# --- base64 split, wrapped or escaped -----------------------------------------------------

def b64_split_json_array(m: Made):
    k = m.key()
    data = _b64(_env(k))
    return json.dumps({'name': 'env', 'chunks': [data[i:i + 40] for i in range(0, len(data), 40)]}, indent=2).encode(), [k]


def b64_json_escaped_newlines(m: Made):
    k = m.key()
    return json.dumps({'kind': 'dotenv', 'data': _wrap(_b64(_env(k)), 64) + '\n'}).encode() + b'\n', [k]


def b64_xml_entity_newlines(m: Made):
    k = m.key()
    data = _wrap(_b64(_env(k)), 76, '&#xD;&#xA;')
    return f'<?xml version="1.0"?>\n<setting name="env" serializeAs="String"><value>{data}</value></setting>\n'.encode(), [k]


def b64_in_b64_yaml_block(m: Made):
    k = m.key()
    inner = _b64(_env(k)).encode()
    block = _wrap(_b64(inner), 76).replace('\n', '\n    ')
    return f'config:\n  dotenv_b64: |\n    {block}\n'.encode(), [k]


def zlib_b64url_nopad_legacy(m: Made):
    h = m.hex()
    return f'state={_b64url(zlib.compress(json.dumps({"together_api_key": h}).encode()))}\n'.encode(), [h]


# --- hex dumps -----------------------------------------------------------------------------

def hexdump_default_words(m: Made):
    k = m.key()
    return _tool_file(['hexdump', '{}'], _env(k)), [k]


def hexdump_canonical_legacy(m: Made):
    h = m.hex()
    return _tool_file(['hexdump', '-C', '{}'], _legacy_env(h)), [h]


def od_c_legacy(m: Made):
    h = m.hex()
    return _tool_file(['od', '-c', '{}'], _legacy_env(h)), [h]


def xxd_p_of_gzip(m: Made):
    k = m.key()
    return _tool('xxd', '-p', data=_gz(_env(k))), [k]


def base64_cli_of_bz2(m: Made):
    k = m.key()
    return _tool('base64', data=bz2.compress(_env(k))), [k]


# --- decoys: no key in any of these ---------------------------------------------------

def decoy_sealed_secret(m: Made):
    enc = 'AgB' + _b64(m.rng.randbytes(560))[3:]
    return (f'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: together\n'
            f'spec:\n  encryptedData:\n    TOGETHER_API_KEY: {enc}\n').encode(), []


def decoy_sops_env(m: Made):
    return (f'TOGETHER_API_KEY=ENC[AES256_GCM,data:{_b64(m.rng.randbytes(50))},iv:{_b64(m.rng.randbytes(32))},'
            f'tag:{_b64(m.rng.randbytes(16))},type:str]\nsops_version=3.9.1\n').encode(), []


def decoy_ansible_vault(m: Made):
    inner = (m.rng.randbytes(32).hex() + '\n' + m.rng.randbytes(32).hex() + '\n' + m.rng.randbytes(64).hex()).encode()
    lines = _wrap(inner.hex(), 80).replace('\n', '\n          ')
    return f'together_api_key: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          {lines}\n'.encode(), []


def decoy_openssl_salted(m: Made):
    return f'# together.env.enc (openssl enc -aes-256-cbc -pbkdf2 -a)\n{_wrap(_b64(b"Salted__" + m.rng.randbytes(120)), 64)}\n'.encode(), []


def decoy_pgp_message(m: Made):
    body = _wrap(_b64(bytes([0x85, 2, 12]) + m.rng.randbytes(300)), 64)
    return (f'TOGETHER_API_KEY (pgp):\n-----BEGIN PGP MESSAGE-----\n\n{body}\n'
            f'={_b64(m.rng.randbytes(3))}\n-----END PGP MESSAGE-----\n').encode(), []


def decoy_age_armor(m: Made):
    return (f'# together key, age-encrypted\n-----BEGIN AGE ENCRYPTED FILE-----\n'
            f'{_wrap(_b64(b"age-encryption.org/v1" + chr(10).encode() + m.rng.randbytes(200)), 64)}\n'
            '-----END AGE ENCRYPTED FILE-----\n').encode(), []


def decoy_sri_lockfile(m: Made):
    doc = {'packages': {'node_modules/together-ai': {
        'version': '0.9.0', 'resolved': 'https://registry.npmjs.org/together-ai/-/together-ai-0.9.0.tgz',
        'integrity': 'sha512-' + _b64(m.rng.randbytes(64))}}}
    return json.dumps(doc, indent=2).encode(), []


def decoy_nix_narhash(m: Made):
    doc = {'nodes': {'together-py': {'locked': {'narHash': 'sha256-' + _b64(m.rng.randbytes(32)),
                                                'owner': 'togethercomputer', 'repo': 'together-python',
                                                'rev': m.rng.randbytes(20).hex(), 'type': 'github'}}}}
    return json.dumps(doc, indent=2).encode(), []


def decoy_other_provider_b64_env(m: Made):
    env = f'# together is configured elsewhere\nOPENAI_API_KEY={_other_key(m, "sk-proj-", 48)}\n'.encode()
    return _k8s_yaml('Secret', 'together-proxy', 'data', {'.env': _b64(env)}), []


def decoy_hf_token_docker_auth(m: Made):
    cfg = {'auths': {'registry.together.ai': {'auth': _b64(f'bot:{_other_key(m, "hf_", 34)}'.encode())}}}
    return json.dumps(cfg, indent=2).encode(), []


def decoy_placeholder_b64(m: Made):
    return _k8s_yaml('Secret', 'together', 'data', {
        'TOGETHER_API_KEY': _b64(b'${TOGETHER_API_KEY}'),
        'example': _b64(b'TOGETHER_API_KEY=<your-together-api-key>\n')}), []


def decoy_placeholder_gzip_b64(m: Made):
    return f'env_gz: {_b64(_gz(b"TOGETHER_API_KEY=changeme" + chr(10).encode()))}\n'.encode(), []


def decoy_tls_secret(m: Made):
    cert = f'-----BEGIN CERTIFICATE-----\n{_wrap(_b64(b"0" + m.rng.randbytes(900)), 64)}\n-----END CERTIFICATE-----\n'
    return _k8s_yaml('Secret', 'together-tls', 'data', {'tls.crt': _b64(cert.encode()),
                                                        'tls.key': _b64(m.rng.randbytes(300))}), []


def decoy_b64_split_array_random(m: Made):
    data = _b64(m.rng.randbytes(400))
    return json.dumps({'name': 'together', 'chunks': [data[i:i + 40] for i in range(0, len(data), 40)]}).encode(), []


def decoy_hexdump_random(m: Made):
    return _tool_file(['hexdump', '{}'], m.rng.randbytes(400), name='together.bin'), []


def decoy_grpc_web_text_other(m: Made):
    msg = _pb_str(1, 'together') + _pb_str(2, 'meta-llama/Llama-3-70b-chat-hf') + _pb_str(3, m.rng.randbytes(20).hex())
    return _b64(b'\x00' + struct.pack('>I', len(msg)) + msg).encode() + b'\n', []


def decoy_celery_pickle_no_key(m: Made):
    body = pickle.dumps(((), {'provider': 'together', 'model': 'llama', 'digest': m.rng.randbytes(32).hex()[:40]}, {}), protocol=4)
    return json.dumps({'body': _b64(body), 'content-type': 'application/x-python-serialize'}).encode(), []


def decoy_eml_image_attachment(m: Made):
    return b'Subject: together logo\r\n' + _mime([('image/png', 'together.png', b'\x89PNG\r\n\x1a\n' + m.rng.randbytes(900))]), []


def decoy_jws_deflate_stdlib(m: Made):
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = comp.compress(_stdlib('this.py')) + comp.flush()
    return f'together_token: {_b64url(b"{}")}.{_b64url(raw)}.{_b64url(m.rng.randbytes(64))}\n'.encode(), []


def decoy_helm_release_existing_secret(m: Made):
    values = {'together': {'apiKey': '', 'existingSecret': 'together-api', 'existingSecretKey': 'TOGETHER_API_KEY'}}
    return _helm_secret(_helm_release(values)), []


_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(helm_release_kubectl_yaml_legacy, 'k8s/helm-legacy.yaml'),
    _case(helm_release_subchart_values, 'k8s/helm-gateway.yaml'),
    _case(configmap_binary_data_gzip_env, 'k8s/cm-gz.yaml'),
    _case(configmap_binary_data_legacy_json, 'k8s/cm-json.yaml'),
    _case(dockerconfigjson_legacy, 'k8s/regcred.json'),
    _case(k8s_secret_env_with_utf8_bom, 'k8s/secret-bom.yaml'),
    _case(azure_keyvault_secret_show, 'cloud/kv.json'),
    _case(aws_ssm_parameter_gzip_legacy, 'cloud/ssm.json'),
    _case(tfstate_azure_custom_data_gzip, 'tf/terraform.tfstate'),
    _case(ec2_user_data_mime_multipart, 'cloud/userdata.json'),
    _case(ec2_user_data_mime_b64_part, 'cloud/userdata.yaml'),
    _case(gha_log_timestamped_b64, 'logs/gha-1.txt'),
    _case(gha_log_wrapped_b64_timestamped, 'logs/gha-2.txt'),
    _case(jws_deflate_payload, 'cfg/shc.yaml'),
    _case(data_uri_css_charset, 'web/debug.css'),
    _case(data_uri_markdown_json_legacy, 'docs/setup.md'),
    _case(fragment_percent_env_legacy, 'docs/share.md'),
    _case(eml_attachment_env_gz, 'mail/env-gz.eml'),
    _case(eml_attachment_zip_legacy, 'mail/env-zip.eml'),
    _case(eml_qp_body_and_b64_part, 'mail/both.eml'),
    _case(celery_pickle_message, 'queue/celery.json'),
    _case(marshal_b64_legacy, 'src/cache.py'),
    _case(grpc_web_text_frame, 'logs/grpc.txt'),
    _case(msgpack_b64_in_json, 'queue/msg.json'),
    _case(bz2_b64_json_legacy, 'cfg/snap.json'),
    _case(b64_split_json_array, 'cfg/chunks.json'),
    _case(b64_json_escaped_newlines, 'cfg/wrapped.json'),
    _case(b64_xml_entity_newlines, 'cfg/app.config'),
    _case(b64_in_b64_yaml_block, 'cfg/double.yaml'),
    _case(zlib_b64url_nopad_legacy, 'logs/state.log'),
    _case(hexdump_default_words, 'dumps/env.hexdump', 'hexdump'),
    _case(hexdump_canonical_legacy, 'dumps/legacy.hexdump', 'hexdump'),
    _case(od_c_legacy, 'dumps/legacy.od', 'od'),
    _case(xxd_p_of_gzip, 'dumps/env.gz.hex', 'xxd'),
    _case(base64_cli_of_bz2, 'dumps/env.bz2.b64', 'base64'),
    _case(decoy_sealed_secret, 'decoys/sealed.yaml'),
    _case(decoy_sops_env, 'decoys/.env.sops'),
    _case(decoy_ansible_vault, 'decoys/vault.yml'),
    _case(decoy_openssl_salted, 'decoys/together.env.enc'),
    _case(decoy_pgp_message, 'decoys/key.asc'),
    _case(decoy_age_armor, 'decoys/key.age'),
    _case(decoy_sri_lockfile, 'decoys/package-lock.json'),
    _case(decoy_nix_narhash, 'decoys/flake.lock'),
    _case(decoy_other_provider_b64_env, 'decoys/openai.yaml'),
    _case(decoy_hf_token_docker_auth, 'decoys/config.json'),
    _case(decoy_placeholder_b64, 'decoys/placeholder.yaml'),
    _case(decoy_placeholder_gzip_b64, 'decoys/placeholder-gz.yaml'),
    _case(decoy_tls_secret, 'decoys/tls.yaml'),
    _case(decoy_b64_split_array_random, 'decoys/chunks.json'),
    _case(decoy_hexdump_random, 'decoys/random.hexdump', 'hexdump'),
    _case(decoy_grpc_web_text_other, 'decoys/grpc.txt'),
    _case(decoy_celery_pickle_no_key, 'decoys/celery.json'),
    _case(decoy_eml_image_attachment, 'decoys/logo.eml'),
    _case(decoy_jws_deflate_stdlib, 'decoys/jws.yaml'),
    _case(decoy_helm_release_existing_secret, 'decoys/helm.yaml'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (f303e41): 31 of 36 keys found (5 cases missed), 0 of 20
# decoys reported.  Now 32 of 36: base64 is read across XML line breaks
# (``&#xD;&#xA;``, codec._B64_ENTITY_BREAK).  Session 27: 33 of 36,
# wrapped base64 read across lines each led by a log timestamp
# (codec._B64_LOG_LEAD).  Session 28: 34 of 36, a JWS payload under
# ``"zip":"DEF"`` inflated as raw deflate (engine._jws_deflate_hits).
# Session 29: 35 of 36, a marshal dump decoded from base64 read as one
# (engine._marshalled below depth 2, pyc._parsed past a line break).
MISSED: dict[str, str] = {
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 35 and decoys >= 20, (keys, decoys)
