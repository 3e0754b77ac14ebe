"""Templates of the held-out sets (heldout36, heldout37): a case is a file
written from a template, its keys made at run time (``tests/keys.py``) and
held to the keys its file yields (``by_key``).

A template writes ``⟦name⟧`` or ``⟦name|enc⟧`` where a value goes: ``key``
(``key2``...) a current key, ``hex`` (``hex2``...) a legacy key, each
expected; a name starting with ``_`` is made but not expected (a decoy's
value); ``_uuid``, ``_b64``, ``_sha1`` random values.  ``enc`` (``ENC``)
writes the value in an encoding, ``post`` (``POST``) the whole file.
"""
from __future__ import annotations

import base64
import bz2
import gzip
import io
import json
import lzma
import re
import tarfile
import uuid
import zipfile
import zlib
from typing import Callable

from tests.accuracy import Case
from tests.accuracy import Made


def _b64(b: bytes | str) -> str:
    return base64.b64encode(b.encode() if isinstance(b, str) else b).decode()


def _wrap(s: str, n: int = 76, sep: str = '\n') -> str:
    return sep.join(s[i:i + n] for i in range(0, len(s), n))


def _env(v: str) -> str:
    return f'NODE_ENV=production\nPORT=8080\nTOGETHER_API_KEY={v}\nREDIS_URL=redis://cache:6379/0\n'


def _cfg(v: str) -> str:
    return json.dumps({'llm': {'provider': 'together', 'model': 'togethercomputer/llama-2-13b-chat',
                               'api_key': v}, 'debug': False}, indent=2, ensure_ascii=False)


def _gz(b: bytes) -> bytes:
    return gzip.compress(b, mtime=0)


def _xxd(b: bytes) -> str:
    """``xxd``'s default dump: offset, 8 groups of 2 bytes, the ASCII column."""
    out = []
    for off in range(0, len(b), 16):
        row = b[off:off + 16]
        groups = ' '.join(row[i:i + 2].hex() for i in range(0, len(row), 2))
        text = ''.join(chr(c) if 32 <= c < 127 else '.' for c in row)
        out.append(f'{off:08x}: {groups:<39}  {text}')
    return '\n'.join(out) + '\n'


def _xxd_p(b: bytes) -> str:
    h = b.hex()
    return _wrap(h, 60) + '\n'


def _od(b: bytes) -> str:
    """``od -A x -t x1z``: offset, 16 bytes, the text between ``>``/``<``."""
    out = []
    for off in range(0, len(b), 16):
        row = b[off:off + 16]
        text = ''.join(chr(c) if 32 <= c < 127 else '.' for c in row)
        out.append(f'{off:06x} ' + ' '.join('%02x' % c for c in row) + f'  >{text}<')
    return '\n'.join(out) + '\n'


ENC: dict[str, Callable[[str], str]] = {
    'b64': _b64,
    'env_b64': lambda v: _b64(_env(v)),
    'env_b64w76': lambda v: _wrap(_b64(_env(v))),
    'env_b64w64': lambda v: _wrap(_b64(_env(v)), 64),
    'env_b64x2': lambda v: _b64(_b64(_env(v))),
    'env_b64x2w76': lambda v: _wrap(_b64(_wrap(_b64(_env(v))) + '\n')),
    'env_b64crlf': lambda v: _wrap(_b64(_env(v)), 76, '\r\n'),
    'env_b64url': lambda v: base64.urlsafe_b64encode(_env(v).encode()).decode().rstrip('='),
    'cfg_b64': lambda v: _b64(_cfg(v)),
    'cfg_b64w76': lambda v: _wrap(_b64(_cfg(v))),
    'cfg_gzb64': lambda v: _b64(_gz(_cfg(v).encode())),
    'env_gzb64w76': lambda v: _wrap(_b64(_gz(_env(v).encode()))),
    'env_gzb64x2': lambda v: _b64(_b64(_gz(_env(v).encode()))),
    'env_zlibb64': lambda v: _b64(zlib.compress(_env(v).encode())),
    'env_bz2b64': lambda v: _b64(bz2.compress(_env(v).encode())),
    'env_hex': lambda v: _env(v).encode().hex(),
    'env_hexupper': lambda v: _env(v).encode().hex().upper(),
    'cfg_hex': lambda v: _cfg(v).encode().hex(),
    'b64x2': lambda v: _b64(_b64(v)),
    'auth_together': lambda v: _b64('together:' + v),
    'auth_apikey': lambda v: _b64('apikey:' + v),
    'netrc_b64': lambda v: _b64(f'machine api.together.xyz\n  login apikey\n  password {v}\n'),
    'rc_b64': lambda v: _b64(f'export PATH="$HOME/bin:$PATH"\nexport TOGETHER_API_KEY={v}\nalias ll="ls -la"\n'),
    'yaml_b64': lambda v: _b64(f'together:\n  api_key: {v}\n  model: mistralai/Mixtral-8x7B-Instruct-v0.1\n'),
    'ini_b64w76': lambda v: _wrap(_b64(f'[together]\napi_key = {v}\nbase_url = https://api.together.xyz/v1\n' * 2)),
    'toml_b64': lambda v: _b64(f'[providers.together]\napi_key = "{v}"\n'),
    'env_b64_b64url': lambda v: base64.urlsafe_b64encode(_b64(_env(v)).encode()).decode(),
    'upper': lambda v: v.upper(),
    'bearer_b64': lambda v: _b64(f'Authorization: Bearer {v}\nHost: api.together.xyz\n'),
    'cfg_b64x3': lambda v: _b64(_b64(_b64(_cfg(v)))),
    'cfg_b85': lambda v: base64.b85encode(_cfg(v).encode()).decode(),
    'dockercfg_b64': lambda v: _b64(json.dumps({'auths': {'registry.together.xyz': {'username': 'together', 'password': v, 'auth': _b64('together:' + v)}}})),
    'proj_tgz_b64': lambda v: _b64(_tar({'proj/.env': _env(v).encode(), 'proj/app.py': b'import together\n'}, 'w:gz')),
    'env_gzhex': lambda v: _gz(_env(v).encode()).hex(),
    # Decoy-only shapes.
    'sums_b64': lambda v: _b64(f'{v}  together-0.2.7-py3-none-any.whl\n'),
    'sums_b85': lambda v: base64.b85encode(f'{v}  together-0.2.7.tar.gz\n'.encode()).decode(),
    'ref_env_b64': lambda v: _b64('TOGETHER_API_KEY=${TOGETHER_API_KEY}\nPORT=8080\n'),
    'ph_env_b64w76': lambda v: _wrap(_b64('TOGETHER_API_KEY=<your-together-api-key>\n' * 3)),
    'ph_cfg_gzb64': lambda v: _b64(_gz(_cfg('YOUR_TOGETHER_API_KEY').encode())),
    'lock_hex': lambda v: f'together==0.2.7 --hash=sha256:{v}\n'.encode().hex(),
    'sri': lambda v: 'sha512-' + _b64(bytes.fromhex(v) * 2),
    'b64raw': lambda v: _b64(bytes.fromhex(v)),
    'keyid': lambda v: 'key_' + v[:24],
}


POST: dict[str, Callable[[bytes], bytes]] = {
    'utf16le': lambda b: b'\xff\xfe' + b.decode().encode('utf-16-le'),
    'crlf': lambda b: b.replace(b'\n', b'\r\n'),
    'gzip': _gz,
    'bz2': bz2.compress,
    'xz': lzma.compress,
    'xxd': lambda b: _xxd(b).encode(),
    'xxd_p': lambda b: _xxd_p(b).encode(),
    'od': lambda b: _od(b).encode(),
    'b64w76': lambda b: (_wrap(_b64(b)) + '\n').encode(),
}

def _zip(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', method) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, (2023, 8, 1, 0, 0, 0)), data)
    return buf.getvalue()


def _tar(files: dict[str, bytes], mode: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1690848000
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


_FIELD = re.compile(r'⟦(_?[a-z0-9]+)(?:\|(\w+))?⟧')


def _fill(m: Made, template: str, enc: dict[str, Callable[[str], str]]) -> tuple[str, list[str]]:
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
        return enc[match.group(2)](v) if match.group(2) else v

    return _FIELD.sub(sub, template), expected


def templates(enc: dict[str, Callable[[str], str]] = ENC,
              posts: dict[str, Callable[[bytes], bytes]] = POST) -> Callable[..., Case]:
    """``T(case_id, path, template, post=None)``: a case from a template
    (see the module's docstring), its encodings looked up in ``enc`` and
    ``posts``."""
    def T(case_id: str, path: str, template: str, post: str | None = None) -> Case:
        def fill(m: Made) -> tuple[bytes, list[tuple[int, str]]]:
            text, keys = _fill(m, template, enc)
            data = text.encode()
            if post is not None:
                data = posts[post](data)
            return data, [(0, k) for k in keys]
        return Case(case_id, path, fill)
    return T


def B(case_id: str, path: str, build: Callable[[Made], tuple[bytes, list[str]]]) -> Case:
    """A case whose file a library writes: ``build(m)`` -> (bytes, keys)."""
    def fill(m: Made) -> tuple[bytes, list[tuple[int, str]]]:
        data, keys = build(m)
        return data, [(0, k) for k in keys]
    return Case(case_id, path, fill)
