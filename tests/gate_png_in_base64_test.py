"""A PNG kept as base64 in a text file: a Jupyter notebook's image output
(``"image/png": "iVBORw0KGgo..."``), a Markdown or HTML data URI.  An
image generator's PNG carries its workflow (an API key among its
settings) in a ``zTXt`` chunk: zlib data inside base64, which no mode
decodes (``prefilter.B64_MAGIC`` holds no PNG start), so it passes.  A
``tEXt`` there is found: the screen knows the key's base64 forms.
"""
from __future__ import annotations

import base64
import json
import random

import pytest

from tests.cli_run import leaked
from tests.cli_run import scan
from tests.gate_png_text_test import _png
from tests.gate_png_text_test import _ztxt
from tests.keys import make_key
from together_hooks.findings import hash_secret


@pytest.mark.xfail(strict=True, reason=(
    "a base64 PNG is never decoded: finding it needs the PNG's base64 start (iVBORw0KGgo) "
    "among B64_MAGIC, a screen group every file pays (hist10's detect/prefilter.py), "
    'to be measured against the mypy --history CPU first'))
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
