"""A PNG kept as base64 in a text file: a Jupyter notebook's image output
(``"image/png": "iVBORw0KGgo..."``), a Markdown or HTML data URI.  An
image generator's PNG carries its workflow (an API key among its
settings) in a ``zTXt`` chunk: zlib data inside base64, read since the
PNG's base64 start is among ``prefilter.B64_MAGIC`` (riding on the
screen's ``V`` group: no pass more).  Real images, fonts, wheels and
compressed sources kept as base64 give nothing (each is decoded, none
opened but a PNG with a text chunk).  Every mode: ``gate_containers_test.py``.
"""
from __future__ import annotations

import base64
import glob
import json
import lzma
import os
import random
import zlib

from tests.cli_run import leaked
from tests.cli_run import scan
from tests.gate_png_text_test import _png
from tests.gate_png_text_test import _ztxt
from tests.keys import make_key
from together_hooks.findings import hash_secret


def test_a_key_in_a_base64_pngs_ztxt_is_found(git_repo):
    rng = random.Random('png-in-base64')
    keys = [make_key(rng) for _ in range(2)]
    image = [base64.b64encode(_png(_ztxt(b'workflow', f'{{"api_key": "{key}"}}'.encode()))).decode()
             for key in keys]
    notebook = {'cells': [{'cell_type': 'code', 'source': [], 'outputs': [
        {'output_type': 'display_data', 'data': {'image/png': image[0]}}]}]}
    (git_repo / 'gen.ipynb').write_text(json.dumps(notebook))
    (git_repo / 'README.md').write_text(f'![cat](data:image/png;base64,{image[1]})\n')
    result = scan('--format', 'json', '.', cwd=git_repo)
    assert leaked(keys, result.out + result.err) == []
    assert result.rc == 1, result.err
    assert {f['hashed_secret'] for f in result.json()['findings']} == {hash_secret(k) for k in keys}


def _real_files() -> dict[str, bytes]:
    """Binary files of this environment: its images, fonts and wheels."""
    import site
    import sysconfig

    roots = {sysconfig.get_paths()['purelib'], *site.getsitepackages()}
    found: dict[str, bytes] = {}
    for root in sorted(roots):
        for pattern in ('*.png', '*.ico', '*.ttf', '*.woff*', '*.whl', '*.gif'):
            paths = sorted(glob.glob(os.path.join(root, '**', pattern), recursive=True), key=os.path.getsize)
            for path in paths[:3]:
                with open(path, 'rb') as f:
                    found.setdefault(os.path.basename(path), f.read())
    return found


def test_real_binaries_and_compressed_sources_as_base64_give_nothing(tmp_path):
    """Decoys: each kept as a notebook output, a data URI, a JSON value
    and a YAML value; the standard library's sources as xz, LZMA-alone
    and zlib in base64 (decoded and opened: no key in them)."""
    real = _real_files()
    assert any(name.endswith('.png') for name in real) and any(n.endswith('.whl') for n in real), real
    with open(json.__file__, 'rb') as f:
        source = f.read()
    real['json.py.xz'] = lzma.compress(source)
    real['json.py.lzma'] = lzma.compress(source, format=lzma.FORMAT_ALONE)
    real['json.py.z'] = zlib.compress(source, 9)
    lines = []
    for name, data in real.items():
        value = base64.b64encode(data).decode()
        if len(data) > 256 << 10:  # a wheel: once, a file of its own
            (tmp_path / f'{name}.b64').write_text(f'{name}: {value}\n')
            continue
        lines += [f'{name}: {value}', f'<img src="data:image/png;base64,{value}">',
                  json.dumps({'data': {'image/png': value}})]
    (tmp_path / 'assets.txt').write_text('\n'.join(lines) + '\n')
    result = scan('--format', 'json', str(tmp_path), cwd=tmp_path)
    assert result.rc == 0, result.err
    assert result.json()['findings'] == []
