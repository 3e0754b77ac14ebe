"""A marshal dump or a ``.pyc`` written as a base64 value (a cache in a
settings file, a code object shipped in JSON) is read as one once
decoded: the decoded value (``codec.b64_view``, which ends it with a line
break) is asked ``engine._marshalled`` as a file is, so a legacy key
beside its name in a dict, or a constant given to a Together-named
variable, is found.  A dump with other bytes after it is still no dump."""
from __future__ import annotations

import base64
import importlib.util
import json
import marshal
import random

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.pyc import marshal_view
from together_hooks.findings import hash_secret


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_a_marshal_dict_in_base64_is_read():
    h = make_hex(random.Random('marshal-dict'))
    raw = marshal.dumps({'provider': 'together', 'together_api_key': h, 'retries': 3})
    data = f'CACHE = "{_b64(raw)}"\n'.encode()
    assert [f.hashed_secret for f in scan_bytes(data, 'app/cache.py')] == [hash_secret(h)]


def test_a_pyc_in_base64_is_read():
    rng = random.Random('pyc-b64')
    h, key = make_hex(rng), make_key(rng)
    code = compile(f'TOGETHER_API_KEY = "{h}"\nNEXT_TOGETHER_KEY = "{key}"\n', 'settings.py', 'exec')
    pyc = importlib.util.MAGIC_NUMBER + b'\0' * 12 + marshal.dumps(code)
    data = json.dumps({'module': 'settings', 'pyc': _b64(pyc)}).encode()
    assert sorted(f.hashed_secret for f in scan_bytes(data, 'ship/settings.json')) == sorted(
        [hash_secret(h), hash_secret(key)])


def test_a_dump_with_other_bytes_after_it_is_no_dump():
    raw = marshal.dumps({'provider': 'together', 'region': 'us'})
    assert marshal_view(raw + b'\n') is not None
    assert marshal_view(raw + b'\nx') is None
    assert marshal_view(raw + b'0') is None
