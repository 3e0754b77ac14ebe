"""A container's members spend the file's one decompression budget
(session 33, mut33): what its own bytes decompressed (a base64 value in
a zip's comment) and what its members inflate to are one sum, never a
budget each."""
from __future__ import annotations

import base64
import gzip
import io
import random
import zipfile

import pytest

from tests.keys import make_key
from together_hooks.detect import budget
from together_hooks.errors import InputError
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.content import Content


def _zip(key: str, comment: bool) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as zf:
        zf.writestr('deploy.env', f'TOGETHER_API_KEY={key}\n')
        zf.writestr('zeros.bin', b'\0' * (8 << 20))  # inflates to 8 MB
        if comment:  # in the file's own bytes, in no member
            zf.comment = b'b: ' + base64.b64encode(gzip.compress(b'\0' * (8 << 20))) + b'\n'
    return out.getvalue()


def test_a_containers_own_values_and_its_members_share_the_files_budget(monkeypatch):
    monkeypatch.setattr(budget, 'EXPANDED', 12 << 20)
    key = make_key(random.Random('mut33-budget'))
    found = Scanner().scan_one(Content('chart.zip', _zip(key, False)))
    assert [f.hashed_secret for f in found] == [hash_secret(key)]  # 8 MB: within
    with pytest.raises(InputError, match=r'^chart\.zip!zeros\.bin: more than 12 MB decompressed'):
        Scanner().scan_one(Content('chart.zip', _zip(key, True)))  # 8 + 8 MB
