"""Decoys that look like keys near the word "together" and must stay clean:
digests, pinned SHAs, test vectors, hashes named after Together, key
fingerprints, ciphertext, LFS pointers, variables in docs, scanner regexes,
masked keys, and encoded blobs that decode to nothing."""
from __future__ import annotations

import base64
import json

from tests.accuracy import Case
from tests.accuracy import make_tests
from tests.accuracy import marked


def rand_b64(m, n: int) -> str:
    return base64.b64encode(m.rng.randbytes(n)).decode()


def sha40(m) -> str:
    return '%040x' % m.rng.getrandbits(160)


POETRY_LOCK = '''\
[[package]]
name = "together"
version = "1.2.1"
description = "Python client for Together's Cloud Platform!"
optional = false
python-versions = "<4.0,>=3.8"
files = [
    {{file = "together-1.2.1-py3-none-any.whl", hash = "sha256:{_a}"}},
    {{file = "together-1.2.1.tar.gz", hash = "sha256:{_b}"}},
]
'''

REQUIREMENTS_HASHES = '''\
together==1.2.1 \\
    --hash=sha256:{_a} \\
    --hash=sha256:{_b}
'''

IMAGE_DIGESTS = '''\
FROM ghcr.io/togethercomputer/inference-base@sha256:{_a}
# together runtime image, pinned
ENV TOGETHER_IMAGE_DIGEST=sha256:{_b}
'''

K8S_IMAGE = '''\
containers:
  - name: together-proxy
    image: ghcr.io/togethercomputer/proxy@sha256:{_a}
    env:
      - name: TOGETHER_API_KEY
        valueFrom:
          secretKeyRef: {{name: together, key: api-key}}
'''

WORKFLOW = '''\
jobs:
  evals:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@{_s1}
      - uses: togethercomputer/setup-together@{_s2} # v1.4.0
        with:
          api-key: ${{{{ secrets.TOGETHER_API_KEY }}}}
      - run: together models list
        env:
          TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
'''

HMAC_VECTORS = '''\
# HMAC-SHA256 test vectors for Together webhook signatures (RFC 4231 style)
WEBHOOK_VECTORS = [
    {{"key": "together-webhook-test", "payload": "{{}}", "expected": "{_a}"}},
    {{"key": "Jefe", "payload": "The quick brown fox", "expected": "{_b}"}},
]
'''

MODEL_HASH = '''\
TOGETHER_MODEL=meta-llama/Llama-3-8b-chat-hf
TOGETHER_MODEL_HASH={_a}
together_weights_sha256: {_b}
'''

FINGERPRINTS = '''\
# rotation log: we keep fingerprints, never keys
together_api_key_fingerprint = "{_a}"
TOGETHER_API_KEY_SHA256={_b}
Together API key fingerprint (SHA-256): {_c}
'''

SOPS_FILE = '''\
together_api_key: ENC[AES256_GCM,data:{_e1},iv:{_iv},tag:{_tag},type:str]
sops:
    kms: []
    age:
        - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
    lastmodified: "2024-05-02T09:14:27Z"
    mac: ENC[AES256_GCM,data:{_mac},iv:{_iv},tag:{_tag},type:str]
    version: 3.8.1
'''

SEALED_SECRET = '''\
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: together
  namespace: chat
spec:
  encryptedData:
    TOGETHER_API_KEY: {_sealed}
    together.env: {_sealed2}
'''

LFS_POINTER = '''\
version https://git-lfs.github.com/spec/v1
oid sha256:{_a}
size 4393021
'''

DOCS_VARIABLE = '''\
List the models your key can use:

```bash
curl -s https://api.together.xyz/v1/models \\
  -H "Authorization: Bearer $TOGETHER_API_KEY" | jq '.[].id'
```

Or with `TOGETHER_API_KEY=${{TOGETHER_API_KEY}}` exported by your shell.
'''

SCANNER_CONFIG = '''\
[[rules]]
id = "together-api-key"
description = "Together AI API key"
regex = \'\'\'tgp_v1_[A-Za-z0-9_-]{{43}}\'\'\'
keywords = ["tgp_v1_"]

[[rules]]
id = "together-legacy"
regex = \'\'\'(?i)together.{{0,20}}(?:api.?key).{{0,5}}['"]?([0-9a-f]{{64}})\'\'\'
keywords = ["together"]
'''

MASKED = '''\
$ together whoami
Key:   tgp_v1_****************************************Qz
Legacy key: {_m1}
TOGETHER_API_KEY=tgp_v1_…redacted…
together_api_key: "{_m2}"
Authorization: Bearer ****************************************************************
'''


def masked(m):
    h = m.hex()
    return marked(MASKED, _m1=h[:6] + '*' * 52 + h[-6:], _m2='x' * 64)


def notebook_image(m):
    """A notebook whose output is a large base64 PNG, next to Together code."""
    png = base64.b64encode(b'\x89PNG\r\n\x1a\n' + m.rng.randbytes(6000)).decode()
    nb = {'cells': [{
        'cell_type': 'code', 'execution_count': 1, 'metadata': {},
        'source': ['from together import Together\n', 'client = Together()\n', 'plot(client)'],
        'outputs': [{'data': {'image/png': png, 'text/plain': ['<Figure>']},
                     'metadata': {}, 'output_type': 'display_data'}],
    }], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    return json.dumps(nb, indent=1) + '\n', []


def postman_placeholder(m):
    text = json.dumps({'name': 'Together', 'values': [
        {'key': 'TOGETHER_API_KEY', 'value': '{{vault:together-api-key}}', 'type': 'secret', 'enabled': True},
        {'key': 'request_signature', 'value': m.hex(), 'type': 'default', 'enabled': True},
    ]}, indent='\t') + '\n'
    return text, []


def hex_values(m, *names):
    return {name: m.hex() for name in names}


CASES = [
    Case('poetry-lock', 'poetry.lock', lambda m: marked(POETRY_LOCK, **hex_values(m, '_a', '_b'))),
    Case('requirements-hashes', 'requirements.txt',
         lambda m: marked(REQUIREMENTS_HASHES, **hex_values(m, '_a', '_b'))),
    Case('image-digests', 'Dockerfile', lambda m: marked(IMAGE_DIGESTS, **hex_values(m, '_a', '_b'))),
    Case('k8s-image-digest', 'k8s/deploy.yaml', lambda m: marked(K8S_IMAGE, **hex_values(m, '_a'))),
    Case('pinned-action-shas', '.github/workflows/evals.yml',
         lambda m: marked(WORKFLOW, _s1=sha40(m), _s2=sha40(m))),
    Case('hmac-test-vectors', 'tests/test_webhooks.py',
         lambda m: marked(HMAC_VECTORS, **hex_values(m, '_a', '_b'))),
    Case('model-hash', 'model.env', lambda m: marked(MODEL_HASH, **hex_values(m, '_a', '_b'))),
    Case('key-fingerprints', 'ROTATION.md',
         lambda m: marked(FINGERPRINTS, **hex_values(m, '_a', '_b', '_c'))),
    Case('sops', 'secrets.enc.yaml', lambda m: marked(
        SOPS_FILE, _e1=rand_b64(m, 64), _iv=rand_b64(m, 32), _tag=rand_b64(m, 16), _mac=rand_b64(m, 32))),
    Case('sealed-secret', 'k8s/sealed.yaml', lambda m: marked(
        SEALED_SECRET, _sealed=rand_b64(m, 562), _sealed2=rand_b64(m, 700))),
    Case('lfs-pointer', 'models/together-adapter.safetensors',
         lambda m: marked(LFS_POINTER, **hex_values(m, '_a'))),
    Case('docs-variable', 'docs/quickstart.md', lambda m: marked(DOCS_VARIABLE)),
    Case('scanner-config', '.gitleaks.toml', lambda m: marked(SCANNER_CONFIG)),
    Case('masked-keys', 'docs/whoami.md', masked),
    Case('notebook-png-output', 'notebooks/plot.ipynb', notebook_image),
    Case('postman-placeholder-then-other', 'env.postman_environment.json', postman_placeholder),
]

results, test_case = make_tests(CASES)
