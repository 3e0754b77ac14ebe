"""Keys inside base64 twice, the ways it happens: a Secret made from a
value that was already encoded (``kubectl create secret generic
--from-literal=key=$(echo -n $KEY | base64)``), a ``.env`` holding an
encoded value encoded whole into a Secret or a CI variable, a JSON
config with an encoded field encoded again, MIME-wrapped; at each of the
outer encoding's three byte alignments.

Not here, on purpose (docs/detection.md): a key that is not where its
inner encoding starts, encoded twice (``base64(base64("KEY=" + key))``):
its forms would add a pass to the keyword screen every file passes;
compressed data.  Base64 nested three times and base64 of UTF-16 text:
tests/accuracy/encoded_forms_test.py."""
from __future__ import annotations

import base64
import json

from tests.accuracy import Case
from tests.accuracy import make_tests


def _b64(raw: str | bytes) -> str:
    return base64.b64encode(raw.encode() if isinstance(raw, str) else raw).decode()


def secret_of_encoded_value(m):
    key = m.key()
    text = ('apiVersion: v1\nkind: Secret\nmetadata:\n  name: llm\ntype: Opaque\n'
            f'data:\n  TOGETHER_API_KEY: {_b64(_b64(key))}\n')
    return text, [(7, key)]


def env_with_encoded_value(lead: str):
    def build(m):
        key = m.key()
        env = f'{lead}APP=chat\nLLM_API_KEY_B64={_b64(key)}\nPORT=8080\n'
        text = f'apiVersion: v1\nkind: Secret\ndata:\n  .env: {_b64(env)}\n'
        return text, [(4, key)]
    return build


def ci_variable(m):
    key = m.key()
    cfg = json.dumps({'provider': 'llm', 'credentials': _b64(key)})
    text = f'variables:\n  LLM_CONFIG_B64: "{_b64(cfg)}"\n'
    return text, [(2, key)]


def mime_wrapped(m):
    key = m.key()
    body = f'# staging\nexport LLM_KEY_B64="{_b64(key)}"\n' * 1
    enc = base64.encodebytes(body.encode()).decode().replace('\n', '\r\n')
    text = ('Content-Type: application/x-sh; name="env.sh"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            + enc)
    return text, [(4, key)]


CASES = [
    Case('secret-of-encoded-value', 'k8s/secret.yaml', secret_of_encoded_value),
    Case('secret-env-encoded-value-0', 'k8s/env0.yaml', env_with_encoded_value('')),
    Case('secret-env-encoded-value-1', 'k8s/env1.yaml', env_with_encoded_value('#\n')),
    Case('secret-env-encoded-value-2', 'k8s/env2.yaml', env_with_encoded_value('# \n')),
    Case('ci-variable-json', '.gitlab-ci.yml', ci_variable),
    Case('mime-wrapped-script', 'mail/env.eml', mime_wrapped),
]

results, test_case = make_tests(CASES)
