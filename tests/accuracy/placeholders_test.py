"""Documentation placeholders in the shape of a key are not keys.

Readable runs (``abc123def456...``), sequential or dictionary-like bodies
are what people type into docs and templates; a random key right beside
them (same files, same syntax) is still found.
"""
from __future__ import annotations

from tests.accuracy import Case
from tests.accuracy import make_tests
from tests.accuracy import marked

P = 'tgp_v1_'
READABLE = [
    'abc123def456ghi789jkl012mno345pqr678stu901v',  # pragma: allowlist secret
    'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v',  # pragma: allowlist secret
    'ABC123DEF456GHI789JKL012MNO345PQR678STU901V',  # pragma: allowlist secret
    'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE',  # pragma: allowlist secret
    'thisisnotarealkeyjustadocumentationsampleok',
    'ThisIsNotARealKeyJustADocumentationSampleOk',
    'xyz789uvw456rst123opq890lmn567ijk234fgh901c',  # pragma: allowlist secret
    'zyxwvu987654zyxwvu987654zyxwvu987654zyxwvu9',
]
assert all(len(body) == 43 for body in READABLE)

README = '''\
## Configuration

Set your key before running the examples:

```bash
export TOGETHER_API_KEY={_p}
```

Or in Python:

```python
client = Together(api_key="{_p}")
```
'''

ENV_EXAMPLE = '''\
# copy to .env and fill in
TOGETHER_API_KEY={_p}
TOGETHER_MODEL=meta-llama/Llama-3-8b-chat-hf
'''

REAL_BESIDE = '''\
# placeholder in the docs, the real key below it by mistake
TOGETHER_API_KEY={_p}
TOGETHER_API_KEY={key}
'''

CASES = [
    *(Case(f'readme-{i}', f'docs/readme-{i}.md', lambda m, b=body: marked(README, _p=P + b))
      for i, body in enumerate(READABLE)),
    *(Case(f'env-example-{i}', f'env-{i}/.env.example', lambda m, b=body: marked(ENV_EXAMPLE, _p=P + b))
      for i, body in enumerate(READABLE)),
    Case('real-key-beside-placeholder', 'notes.md',
         lambda m: marked(REAL_BESIDE, _p=P + READABLE[0], key=m.key())),
]

results, test_case = make_tests(CASES)
