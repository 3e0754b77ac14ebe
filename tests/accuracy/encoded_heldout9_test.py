"""A ninth held-out set of keys in encoded forms (session 27): what
real systems write when an encoded file or value holding a key is
committed, in shapes the first eight sets (``encoded_heldout_test.py``,
``2`` to ``8``) do not try.  A Helm chart's packaged ``.tgz`` whose
Secret template holds a base64 ``.env``; a ``docker save`` tar (a layer
tar inside it); message envelopes as queues and clouds deliver them
(CloudWatch Logs subscription ``awslogs.data``: base64 of gzip of JSON;
Pub/Sub push ``message.data``; an SNS notification inside an SQS
record's body; Kinesis records; Kafka Connect and REST Proxy records;
API Gateway and Lambda events with ``isBase64Encoded``); secret stores'
exports (Vault KV, GitLab CI variables, a SOPS file whose ``data`` was
left unencrypted); ``git format-patch`` of a gzip (git's base85 of
zlib of gzip); base64 split over a Python list, Python's implicit string
concatenation, Go's ``+``, a YAML folded scalar, a TOML line-ending
backslash and a shell heredoc; ``data:`` URIs inside CSS inside HTML
inside JSON, and inside a quoted-printable HTML mail; percent-encoded
base64 in a query string; PowerShell ``-enc`` of UTF-16LE in a
scheduled task's XML; base64 of UTF-16BE; a PDF stream under
``[/ASCII85Decode /FlateDecode]``, a PDF's Info dictionary and a PDF
embedded file; a WS-Security ``BinarySecurityToken``; an OpenPGP
message made by ``gpg --store`` (compressed, not encrypted); gRPC
``-bin`` metadata.  And decoys: SOPS ciphertext, encrypted Secrets,
signatures and digests in base64 (XML-DSig, SNS ``Signature``, SRI,
Nix), kubeconfig certificates, other providers' keys encoded beside
Together's name, encoded references and placeholders (a ``tgp_v1_``
placeholder too), Helm templates that encode at install time, random
binaries in patches, tars and PDFs.

Built by the real tools where the machine has them (``git``, ``gpg``,
``kubectl``, ``fpdf2``) and by the standard library otherwise; a case
needing a missing tool is skipped alone.  Keys are made at run time
(``tests/keys.py``); each case checks which keys its file yields.
"""
from __future__ import annotations

import base64
import gzip
import io
import json
import os
import quopri
import subprocess
import tarfile
import tempfile
import urllib.parse
import zlib

from tests import jdk
from tests.accuracy import keys_and_decoys
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import ToolCases
from tests.accuracy.encoded_heldout5_test import _b64
from tests.accuracy.encoded_heldout5_test import _legacy_env
from tests.accuracy.encoded_heldout8_test import _k8s_yaml
from tests.accuracy.encoded_heldout8_test import _other_key
from tests.accuracy.encoded_heldout8_test import _wrap
from tests.accuracy.encoded_heldout_test import _env


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _tar(files: dict[str, bytes], mode: str = 'w') -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 1733000000, 0o644
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _run(argv: list[str], cwd: str, data: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
    return subprocess.run(jdk.argv(argv), cwd=cwd, input=data, capture_output=True, check=True,
                          env={**os.environ, **(env or {})}).stdout


def _chart(templates: dict[str, str], values: str = 'replicaCount: 1\n') -> bytes:
    """What ``helm package`` writes: a gzip'd tar of ``<chart>/...``."""
    files = {'llm/Chart.yaml': b'apiVersion: v2\nname: llm\nversion: 0.1.0\nappVersion: "1.0"\n',
             'llm/values.yaml': values.encode()}
    files.update({f'llm/templates/{n}': t.encode() for n, t in templates.items()})
    return _gz(_tar(files))


def _cw_payload(messages: list[str]) -> str:
    """A CloudWatch Logs subscription record: base64 of gzip of JSON."""
    doc = {'messageType': 'DATA_MESSAGE', 'owner': '123456789012', 'logGroup': '/aws/lambda/llm-gateway',
           'logStream': '2026/12/01/[$LATEST]4f1c', 'subscriptionFilters': ['to-firehose'],
           'logEvents': [{'id': str(3800000000000000000 + i), 'timestamp': 1764580000000 + i, 'message': msg}
                         for i, msg in enumerate(messages)]}
    return _b64(_gz(json.dumps(doc).encode()))


def _format_patch(name: str, data: bytes) -> bytes:
    """``git format-patch -1`` of a commit adding the binary file ``name``."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {'GIT_AUTHOR_NAME': 'Dev', 'GIT_AUTHOR_EMAIL': 'dev@example.com', 'GIT_COMMITTER_NAME': 'Dev',
               'GIT_COMMITTER_EMAIL': 'dev@example.com', 'GIT_AUTHOR_DATE': '2026-12-01T10:00:00Z',
               'GIT_COMMITTER_DATE': '2026-12-01T10:00:00Z', 'GIT_CONFIG_NOSYSTEM': '1', 'HOME': tmp}
        _run(['git', 'init', '-q', 'r'], tmp, env=env)
        repo = os.path.join(tmp, 'r')
        with open(os.path.join(repo, name), 'wb') as f:
            f.write(data)
        _run(['git', 'add', name], repo, env=env)
        _run(['git', 'commit', '-q', '-m', f'add {name}'], repo, env=env)
        return _run(['git', 'format-patch', '-1', '--stdout'], repo, env=env)


def _gpg_store(data: bytes) -> bytes:
    """``gpg --store --armor``: an OpenPGP message of a literal data packet,
    compressed (ZIP: raw deflate), signed by no one and encrypted to no one."""
    with tempfile.TemporaryDirectory() as home:
        return _run(['gpg', '--batch', '--quiet', '--store', '--armor', '--compress-algo', 'zip'],
                    home, data=data, env={'GNUPGHOME': home})


def _kubectl_secret(name: str, files: dict[str, bytes]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        args = []
        for n, data in files.items():
            with open(os.path.join(tmp, n), 'wb') as f:
                f.write(data)
            args.append(f'--from-file={n}')
        return _run(['kubectl', 'create', 'secret', 'generic', name, *args, '--dry-run=client', '-o', 'yaml'], tmp)


def _a85_pdf(content: bytes, info: str = '') -> bytes:
    """A one-page PDF whose content stream is written under
    ``/Filter [/ASCII85Decode /FlateDecode]`` (as Ghostscript's
    ``-dASCII85EncodePages=true`` writes pages)."""
    stream = base64.a85encode(zlib.compress(content), wrapcol=75, adobe=True)[2:]
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
            b'<< /Length %d /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n' % len(stream) + stream + b'\nendstream',
            b'<< /Producer (GPL Ghostscript 10.02.1) ' + info.encode() + b'>>']
    out, offsets = b'%PDF-1.4\n', []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + obj + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1) + b''.join(b'%010d 00000 n \n' % o for o in offsets)
    return out + b'trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)


def _fpdf(text: str, keywords: str = '', attach: tuple[str, bytes] | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font('helvetica', size=11)
    pdf.multi_cell(w=0, text=text)
    if keywords:
        pdf.set_keywords(keywords)
    if attach:
        pdf.embed_file(bytes=attach[1], basename=attach[0], desc='settings', compress=True)
    return bytes(pdf.output())


def _pg_text(m: Made) -> str:
    return _b64(m.rng.randbytes(16)).rstrip('=')


# --- Helm charts and images ------------------------------------------------------------

def helm_chart_tgz_secret_env(m: Made):
    k = m.key()
    secret = ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "llm.fullname" . }}-env\n'
              f'type: Opaque\ndata:\n  .env: {_b64(_env(k))}\n')
    return _chart({'secret.yaml': secret, 'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\n'}), [k]


def helm_chart_tgz_values_legacy_b64(m: Made):
    h = m.hex()
    values = f'together:\n  baseUrl: https://api.together.xyz/v1\n  apiKeyB64: {_b64(_legacy_env(h))}\n'
    return _chart({'secret.yaml': 'data:\n  env: {{ .Values.together.apiKeyB64 }}\n'}, values), [h]


def docker_save_layer_env(m: Made):
    k = m.key()
    layer = _tar({'app/': b'', 'app/.env': _env(k), 'app/main.py': b'print("hi")\n'})
    manifest = json.dumps([{'Config': 'cfg.json', 'RepoTags': ['llm:dev'], 'Layers': ['4f1c/layer.tar']}]).encode()
    return _tar({'manifest.json': manifest, 'cfg.json': b'{"architecture":"amd64"}', '4f1c/layer.tar': layer}), [k]


# --- message envelopes -------------------------------------------------------------------

def cloudwatch_subscription_current(m: Made):
    k = m.key()
    payload = _cw_payload(['START RequestId: 4f1c Version: $LATEST',
                           f'DEBUG settings loaded: {{"TOGETHER_API_KEY": "{k}", "model": "llama"}}'])
    return json.dumps({'awslogs': {'data': payload}}, indent=2).encode(), [k]


def cloudwatch_subscription_legacy(m: Made):
    h = m.hex()
    payload = _cw_payload([f'INFO config provider=together together_api_key={h}'])
    return json.dumps({'Records': [{'kinesis': {'data': payload}}]}).encode() + b'\n', [h]


def pubsub_push_message(m: Made):
    k = m.key()
    data = json.dumps({'job': 'embed', 'together': {'api_key': k}}).encode()
    doc = {'message': {'data': _b64(data), 'messageId': '13079823457183', 'publishTime': '2026-12-01T10:00:00.123Z',
                       'attributes': {'source': 'gateway'}},
           'subscription': 'projects/llm-prod/subscriptions/embed-push'}
    return json.dumps(doc).encode() + b'\n', [k]


def sqs_record_sns_body(m: Made):
    k = m.key()
    inner = _b64(json.dumps({'event': 'rotate', 'TOGETHER_API_KEY': k}).encode())
    sns = {'Type': 'Notification', 'MessageId': '2b9a0d1c', 'TopicArn': 'arn:aws:sns:us-east-1:123456789012:llm',
           'Message': inner, 'Timestamp': '2026-12-01T10:00:00.000Z', 'SignatureVersion': '1',
           'Signature': _b64(m.rng.randbytes(256))}
    rec = {'Records': [{'messageId': '059f36b4', 'body': json.dumps(sns), 'eventSource': 'aws:sqs'}]}
    return json.dumps(rec, indent=2).encode(), [k]


def kinesis_record_legacy_json(m: Made):
    h = m.hex()
    data = json.dumps({'provider': 'together', 'together_api_key': h}).encode()
    rec = {'Records': [{'kinesis': {'partitionKey': 'p1', 'data': _b64(data),
                                    'sequenceNumber': '49590338271490256608559692538361571095921575989136588898'},
                        'eventSource': 'aws:kinesis'}]}
    return json.dumps(rec).encode() + b'\n', [h]


def kafka_connect_bytes_record(m: Made):
    k = m.key()
    payload = _b64(f'export TOGETHER_API_KEY={k}\n'.encode())
    return json.dumps({'schema': {'type': 'bytes', 'optional': False}, 'payload': payload}).encode() + b'\n', [k]


def kafka_rest_proxy_records_legacy(m: Made):
    h = m.hex()
    value = _b64(json.dumps({'together': {'api_key': h}}).encode())
    rows = [{'topic': 'llm-config', 'key': None, 'value': value, 'partition': 0, 'offset': 17}]
    return json.dumps(rows).encode() + b'\n', [h]


def apigw_event_form_body(m: Made):
    k = m.key()
    body = urllib.parse.urlencode({'provider': 'together', 'api_key': k, 'model': 'llama'}).encode()
    doc = {'resource': '/hook', 'httpMethod': 'POST', 'isBase64Encoded': True, 'body': _b64(body),
           'headers': {'content-type': 'application/x-www-form-urlencoded'}}
    return json.dumps(doc, indent=2).encode(), [k]


def grpc_bin_metadata(m: Made):
    k = m.key()
    return (f'Resolved method descriptor:\nrpc Complete ( .llm.Request ) returns ( .llm.Reply );\n\n'
            f'Request metadata to send:\nx-together-credentials-bin: {_b64(k.encode()).rstrip("=")}\n').encode(), [k]


# --- secret stores ----------------------------------------------------------------------

def vault_kv_get_json_b64(m: Made):
    k = m.key()
    doc = {'request_id': 'c0a8', 'lease_id': '', 'lease_duration': 0, 'renewable': False,
           'data': {'data': {'dotenv_b64': _b64(_env(k))},
                    'metadata': {'created_time': '2026-12-01T10:00:00Z', 'version': 4}}}
    return json.dumps(doc, indent=2).encode(), [k]


def gitlab_ci_variables_export(m: Made):
    k = m.key()
    rows = [{'variable_type': 'env_var', 'key': 'DEPLOY_REGION', 'value': 'us-east-1', 'masked': False},
            {'variable_type': 'file', 'key': 'DOTENV_B64', 'value': _wrap(_b64(_env(k)), 76),
             'protected': True, 'masked': False, 'raw': True, 'environment_scope': '*'}]
    return json.dumps(rows, indent=2).encode(), [k]


def kubectl_from_file_yaml_legacy(m: Made):
    h = m.hex()
    cfg = f'together:\n  base_url: https://api.together.xyz/v1\n  api_key: {h}\n'.encode()
    return _kubectl_secret('llm-config', {'providers.yaml': cfg}), [h]


def sops_file_data_left_plain(m: Made):
    k = m.key()
    body = (f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: llm\ntype: Opaque\n'
            f'data:\n  .env: {_b64(_env(k))}\n'
            f'sops:\n  kms: []\n  age:\n    - recipient: age1q0d3n5qg7e0w8p5t2y6x4z9c8v7b6n5m4l3k2j1h0g9f8e7d6c5b4a3s2\n'
            f'      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        {_b64(m.rng.randbytes(60))}\n'
            f'        -----END AGE ENCRYPTED FILE-----\n  lastmodified: "2026-12-01T10:00:00Z"\n'
            f'  mac: ENC[AES256_GCM,data:{_b64(m.rng.randbytes(32))},iv:{_b64(m.rng.randbytes(32))},'
            f'tag:{_b64(m.rng.randbytes(16))},type:str]\n  encrypted_regex: ^(stringData)$\n  version: 3.9.1\n')
    return body.encode(), [k]


# --- patches and mail ---------------------------------------------------------------------

def format_patch_binary_gzip_env(m: Made):
    k = m.key()
    return _format_patch('deploy.env.gz', _gz(_env(k))), [k]


def format_patch_binary_env_nul(m: Made):
    h = m.hex()
    data = b'\x00\x01SETTINGS\x00' + _legacy_env(h) + b'\x00' * 8
    return _format_patch('settings.bin', data), [h]


def qp_html_mail_data_uri(m: Made):
    k = m.key()
    html = (f'<html><body><p>Config attached inline:</p>'
            f'<a href="data:text/plain;base64,{_b64(_env(k))}">.env</a></body></html>').encode()
    body = quopri.encodestring(html).decode()
    return ('Subject: staging env\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n'
            'Content-Transfer-Encoding: quoted-printable\r\n\r\n' + body.replace('\n', '\r\n') + '\r\n').encode(), [k]


def gpg_store_armored(m: Made):
    k = m.key()
    return _gpg_store(_env(k)), [k]


# --- base64 split in code ----------------------------------------------------------------

def python_list_of_b64_chunks(m: Made):
    k = m.key()
    data = _b64(_env(k))
    lines = ''.join(f"    '{data[i:i + 48]}',\n" for i in range(0, len(data), 48))
    return f"ENV_CHUNKS = [\n{lines}]\nENV = base64.b64decode(''.join(ENV_CHUNKS))\n".encode(), [k]


def python_implicit_concat_b64(m: Made):
    k = m.key()
    data = _b64(json.dumps({'together_api_key': k}).encode())
    lines = '\n'.join(f'    "{data[i:i + 60]}"' for i in range(0, len(data), 60))
    return f'BLOB = (\n{lines}\n)\n'.encode(), [k]


def go_plus_concat_b64(m: Made):
    k = m.key()
    data = _b64(_env(k))
    parts = ' +\n\t'.join(f'"{data[i:i + 64]}"' for i in range(0, len(data), 64))
    return f'package cfg\n\nconst envB64 = {parts}\n'.encode(), [k]


def yaml_folded_b64(m: Made):
    k = m.key()
    block = _wrap(_b64(_env(k)), 60).replace('\n', '\n    ')
    return f'secrets:\n  dotenv: >-\n    {block}\n'.encode(), [k]


def toml_line_ending_backslash_b64(m: Made):
    k = m.key()
    block = _wrap(_b64(_env(k)), 64).replace('\n', '\\\n  ')
    return f'[deploy]\nenv_b64 = """\\\n  {block}"""\n'.encode(), [k]


def shell_heredoc_tar_gz(m: Made):
    k = m.key()
    blob = _wrap(_b64(_gz(_tar({'app/.env': _env(k)}))), 76)
    return f'#!/bin/sh\nset -e\nbase64 -d <<\'EOF\' | tar xz -C /srv\n{blob}\nEOF\n'.encode(), [k]


# --- URIs, escapes, UTF-16 ----------------------------------------------------------------

def data_uri_css_in_html_in_json(m: Made):
    k = m.key()
    html = (f'<style>.dbg::before{{content:url(data:text/plain;base64,{_b64(_env(k))})}}</style>'
            '<div class="dbg"></div>')
    return json.dumps({'id': 'widget-7', 'html': html}).encode() + b'\n', [k]


def query_string_percent_b64(m: Made):
    k = m.key()
    state = urllib.parse.quote(_b64(json.dumps({'return': '/app', 'together_api_key': k}).encode()), safe='')
    return f'GET /oauth/callback?code=4/0Ab&state={state} HTTP/1.1\nHost: app.example.com\n'.encode(), [k]


def query_string_percent_b64_legacy(m: Made):
    h = m.hex()
    q = urllib.parse.quote(_b64(_legacy_env(h)), safe='')
    return f'https://playground.example.com/import?env={q}&tab=keys\n'.encode(), [h]


def powershell_enc_in_task_xml(m: Made):
    k = m.key()
    cmd = _b64(f"$env:TOGETHER_API_KEY='{k}'; python C:\\llm\\worker.py".encode('utf-16-le'))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n'
            '  <Actions Context="Author">\n    <Exec>\n      <Command>powershell.exe</Command>\n'
            f'      <Arguments>-NoP -W Hidden -enc {cmd}</Arguments>\n    </Exec>\n  </Actions>\n</Task>\n').encode(), [k]


def b64_of_utf16be_legacy(m: Made):
    h = m.hex()
    return f'config_utf16be: {_b64(_legacy_env(h).decode().encode("utf-16-be"))}\n'.encode(), [h]


def ws_security_binary_token(m: Made):
    k = m.key()
    tok = _b64(f'TOGETHER_API_KEY={k}'.encode())
    return ('<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">\n'
            '<soap:Header><wsse:Security><wsse:BinarySecurityToken '
            'EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary" '
            f'ValueType="#X509v3">{tok}</wsse:BinarySecurityToken></wsse:Security></soap:Header>\n'
            '<soap:Body/></soap:Envelope>\n').encode(), [k]


# --- PDF ----------------------------------------------------------------------------------

def pdf_a85_flate_content_stream(m: Made):
    k = m.key()
    content = f'BT /F1 11 Tf 72 720 Td (TOGETHER_API_KEY={k}) Tj ET\n'.encode()
    return _a85_pdf(content), [k]


def pdf_a85_flate_legacy(m: Made):
    h = m.hex()
    content = f'BT /F1 11 Tf 72 720 Td (together_api_key: {h}) Tj ET\n'.encode()
    return _a85_pdf(content), [h]


def pdf_info_keywords(m: Made):
    k = m.key()
    return _fpdf('Deployment notes.', keywords=f'together, TOGETHER_API_KEY={k}'), [k]


def pdf_embedded_env_file(m: Made):
    k = m.key()
    return _fpdf('See the attached settings.', attach=('prod.env', _env(k))), [k]


# --- decoys: no key in any of these ---------------------------------------------------

def decoy_sops_k8s_secret(m: Made):
    enc = f'ENC[AES256_GCM,data:{_b64(m.rng.randbytes(90))},iv:{_b64(m.rng.randbytes(32))},tag:{_b64(m.rng.randbytes(16))},type:str]'
    return (f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: together\nstringData:\n  TOGETHER_API_KEY: {enc}\n'
            f'sops:\n  lastmodified: "2026-12-01T10:00:00Z"\n  encrypted_regex: ^(data|stringData)$\n  version: 3.9.1\n').encode(), []


def decoy_cloudwatch_no_key(m: Made):
    payload = _cw_payload([f'INFO together model=meta-llama/Llama-3-70b latency_ms=812 trace={m.rng.randbytes(32).hex()}',
                           'INFO TOGETHER_API_KEY is set (from env)'])
    return json.dumps({'awslogs': {'data': payload}}).encode(), []


def decoy_pubsub_reference(m: Made):
    data = json.dumps({'together': {'api_key': '${TOGETHER_API_KEY}'}, 'digest': m.rng.randbytes(32).hex()}).encode()
    return json.dumps({'message': {'data': _b64(data), 'messageId': '1'}, 'subscription': 'projects/p/subscriptions/together'}).encode(), []


def decoy_sns_signature(m: Made):
    sns = {'Type': 'Notification', 'TopicArn': 'arn:aws:sns:us-east-1:123456789012:together-events',
           'Message': _b64(b'{"event":"deploy","service":"together-gateway"}'),
           'Signature': _b64(m.rng.randbytes(256)), 'SigningCertURL': 'https://sns.us-east-1.amazonaws.com/cert.pem',
           'MessageAttributes': {'sha256': {'Type': 'String', 'Value': m.rng.randbytes(32).hex()}}}
    return json.dumps(sns, indent=2).encode(), []


def decoy_vault_other_provider(m: Made):
    env = f'# together uses the proxy\nANTHROPIC_API_KEY=sk-ant-api03-{_other_key(m, "", 93)}AA\n'.encode()
    return json.dumps({'data': {'data': {'together_env_b64': _b64(env)}}}, indent=2).encode(), []


def decoy_query_other_provider(m: Made):
    state = urllib.parse.quote(_b64(json.dumps({'provider': 'together', 'openai_api_key': _other_key(m, 'sk-', 48)}).encode()), safe='')
    return f'https://app.example.com/cb?state={state}\n'.encode(), []


def decoy_tgp_placeholder_b64(m: Made):
    return _k8s_yaml('Secret', 'together', 'data', {
        'TOGETHER_API_KEY': _b64(('tgp_v1_' + 'x' * 43).encode()),
        '.env.example': _b64(b'TOGETHER_API_KEY=tgp_v1_<your-key-here>\n')}), []


def decoy_helm_chart_b64enc_template(m: Made):
    secret = ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: together\ndata:\n'
              '  TOGETHER_API_KEY: {{ .Values.together.apiKey | b64enc | quote }}\n')
    return _chart({'secret.yaml': secret}, 'together:\n  apiKey: ""\n'), []


def decoy_xml_dsig(m: Made):
    return ('<saml:Assertion ID="_together" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">\n'
            '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:Reference URI="#_together">'
            f'<ds:DigestValue>{_b64(m.rng.randbytes(32))}</ds:DigestValue></ds:Reference></ds:SignedInfo>\n'
            f'<ds:SignatureValue>{_wrap(_b64(m.rng.randbytes(256)), 76)}</ds:SignatureValue>\n'
            f'<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{_b64(b"0" + m.rng.randbytes(700))}</ds:X509Certificate>'
            '</ds:X509Data></ds:KeyInfo></ds:Signature></saml:Assertion>\n').encode(), []


def decoy_sri_html(m: Made):
    return (f'<script src="https://cdn.together.ai/sdk/together.min.js" integrity="sha384-{_b64(m.rng.randbytes(48))}" '
            'crossorigin="anonymous"></script>\n').encode(), []


def decoy_nix_fetch(m: Made):
    return ('{ fetchFromGitHub }:\nfetchFromGitHub {\n  owner = "togethercomputer";\n  repo = "together-python";\n'
            f'  rev = "{m.rng.randbytes(20).hex()}";\n  hash = "sha256-{_b64(m.rng.randbytes(32))}";\n}}\n').encode(), []


def decoy_kubeconfig_ca(m: Made):
    pem = f'-----BEGIN CERTIFICATE-----\n{_wrap(_b64(b"0" + m.rng.randbytes(800)), 64)}\n-----END CERTIFICATE-----\n'
    return (f'apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {_b64(pem.encode())}\n'
            f'    server: https://k8s.together.internal:6443\n  name: together\nkind: Config\n'
            f'users:\n- name: together\n  user:\n    client-key-data: {_b64(m.rng.randbytes(300))}\n').encode(), []


def decoy_powershell_enc_reference(m: Made):
    cmd = _b64('$k = $env:TOGETHER_API_KEY; Invoke-RestMethod https://api.together.xyz/v1/models -Headers @{Authorization="Bearer $k"}'.encode('utf-16-le'))
    return f'<Arguments>-NoP -enc {cmd}</Arguments>\n'.encode(), []


def decoy_qp_mail_png_data_uri(m: Made):
    html = f'<p>Together logo</p><img src="data:image/png;base64,{_b64(bytes.fromhex("89504e470d0a1a0a") + m.rng.randbytes(600))}">'.encode()
    return (b'Subject: together\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
            + quopri.encodestring(html).replace(b'\n', b'\r\n')), []


def decoy_format_patch_random_binary(m: Made):
    return _format_patch('together.bin', _gz(m.rng.randbytes(500))), []


def decoy_docker_save_example_env(m: Made):
    layer = _tar({'app/.env.example': b'TOGETHER_API_KEY=your-together-api-key\n', 'app/blob.bin': m.rng.randbytes(400)})
    return _tar({'manifest.json': b'[]', '9a1e/layer.tar': layer}), []


def decoy_pdf_a85_digest(m: Made):
    content = f'BT /F1 11 Tf 72 720 Td (together wheel sha256: {m.rng.randbytes(32).hex()}) Tj ET\n'.encode()
    return _a85_pdf(content), []


def decoy_gpg_store_placeholder(m: Made):
    return _gpg_store(b'TOGETHER_API_KEY=<your key>\n' + m.rng.randbytes(16).hex().encode() + b'\n'), []


def decoy_python_chunks_random(m: Made):
    data = _b64(m.rng.randbytes(300))
    lines = ''.join(f"    '{data[i:i + 48]}',\n" for i in range(0, len(data), 48))
    return f"TOGETHER_LOGO = [\n{lines}]\n".encode(), []


def decoy_kafka_key_id(m: Made):
    value = _b64(json.dumps({'together_key_id': 'kid_' + _pg_text(m), 'rotated': True}).encode())
    return json.dumps({'schema': {'type': 'bytes'}, 'payload': value}).encode(), []


_TOOLS = ToolCases()
_case = _TOOLS.case
missing_tools = _TOOLS.missing


ALL_CASES = [
    _case(helm_chart_tgz_secret_env, 'charts/llm-0.1.0.tgz'),
    _case(helm_chart_tgz_values_legacy_b64, 'charts/llm-legacy-0.1.0.tgz'),
    _case(docker_save_layer_env, 'images/llm-dev.tar'),
    _case(cloudwatch_subscription_current, 'events/cw.json'),
    _case(cloudwatch_subscription_legacy, 'events/cw-kinesis.json'),
    _case(pubsub_push_message, 'events/pubsub.json'),
    _case(sqs_record_sns_body, 'events/sqs.json'),
    _case(kinesis_record_legacy_json, 'events/kinesis.json'),
    _case(kafka_connect_bytes_record, 'events/connect.json'),
    _case(kafka_rest_proxy_records_legacy, 'events/rest-proxy.json'),
    _case(apigw_event_form_body, 'events/apigw.json'),
    _case(grpc_bin_metadata, 'logs/grpcurl.txt'),
    _case(vault_kv_get_json_b64, 'stores/vault.json'),
    _case(gitlab_ci_variables_export, 'stores/gitlab-vars.json'),
    _case(kubectl_from_file_yaml_legacy, 'k8s/llm-config.yaml', 'kubectl'),
    _case(sops_file_data_left_plain, 'k8s/llm.sops.yaml'),
    _case(format_patch_binary_gzip_env, 'patches/0001-add-env-gz.patch', 'git'),
    _case(format_patch_binary_env_nul, 'patches/0001-add-settings.patch', 'git'),
    _case(qp_html_mail_data_uri, 'mail/inline.eml'),
    _case(gpg_store_armored, 'secrets/env.asc', 'gpg'),
    _case(python_list_of_b64_chunks, 'src/chunks.py'),
    _case(python_implicit_concat_b64, 'src/blob.py'),
    _case(go_plus_concat_b64, 'src/cfg.go'),
    _case(yaml_folded_b64, 'cfg/folded.yaml'),
    _case(toml_line_ending_backslash_b64, 'cfg/deploy.toml'),
    _case(shell_heredoc_tar_gz, 'scripts/unpack.sh'),
    _case(data_uri_css_in_html_in_json, 'web/widget.json'),
    _case(query_string_percent_b64, 'logs/access.txt'),
    _case(query_string_percent_b64_legacy, 'docs/import.md'),
    _case(powershell_enc_in_task_xml, 'win/task.xml'),
    _case(b64_of_utf16be_legacy, 'cfg/utf16be.yaml'),
    _case(ws_security_binary_token, 'soap/request.xml'),
    _case(pdf_a85_flate_content_stream, 'docs/notes.pdf'),
    _case(pdf_a85_flate_legacy, 'docs/legacy.pdf'),
    _case(pdf_info_keywords, 'docs/keywords.pdf'),
    _case(pdf_embedded_env_file, 'docs/attached.pdf'),
    _case(decoy_sops_k8s_secret, 'decoys/secret.sops.yaml'),
    _case(decoy_cloudwatch_no_key, 'decoys/cw.json'),
    _case(decoy_pubsub_reference, 'decoys/pubsub.json'),
    _case(decoy_sns_signature, 'decoys/sns.json'),
    _case(decoy_vault_other_provider, 'decoys/vault.json'),
    _case(decoy_query_other_provider, 'decoys/callback.txt'),
    _case(decoy_tgp_placeholder_b64, 'decoys/placeholder.yaml'),
    _case(decoy_helm_chart_b64enc_template, 'decoys/together-0.1.0.tgz'),
    _case(decoy_xml_dsig, 'decoys/assertion.xml'),
    _case(decoy_sri_html, 'decoys/index.html'),
    _case(decoy_nix_fetch, 'decoys/default.nix'),
    _case(decoy_kubeconfig_ca, 'decoys/kubeconfig'),
    _case(decoy_powershell_enc_reference, 'decoys/task.xml'),
    _case(decoy_qp_mail_png_data_uri, 'decoys/logo.eml'),
    _case(decoy_format_patch_random_binary, 'decoys/0001-bin.patch', 'git'),
    _case(decoy_docker_save_example_env, 'decoys/image.tar'),
    _case(decoy_pdf_a85_digest, 'decoys/digest.pdf'),
    _case(decoy_gpg_store_placeholder, 'decoys/example.asc', 'gpg'),
    _case(decoy_python_chunks_random, 'decoys/logo.py'),
    _case(decoy_kafka_key_id, 'decoys/connect.json'),
]


# The cases this machine can write (a case missing a tool is skipped).
CASES = [c for c in ALL_CASES if not missing_tools(c.id)]

# Missed, and why (strict: a case found again fails until removed).
# Baseline (c9b0e3b): 28 of 36 keys found (8 cases missed), 0 of 20
# decoys reported.  Now 34 of 36: base64 read across string literals
# joined in code and a line-ending backslash (codec._B64_PIECES,
# _B64_WRAP), a PDF stream under [/ASCII85Decode /FlateDecode]
# (containers._pdf_a85).  35 of 36 since session 29 (enc19): an armored
# OpenPGP message compressed, not encrypted (containers.openpgp_compressed).
# 36 of 36: a quoted-printable body decoded whole and read one level down
# (engine._qp_body_hits).
MISSED: dict[str, str] = {
}


results, test_case = make_tests(ALL_CASES, missed=MISSED, needs=missing_tools, by_key=True)


def test_the_set_is_large_enough() -> None:
    keys, decoys = keys_and_decoys(ALL_CASES)
    assert keys >= 35 and decoys >= 20, (keys, decoys)
