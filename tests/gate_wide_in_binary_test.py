"""A key stored as UTF-16LE inside a binary file: a .NET assembly's user
string heap (``#US``: every C# string literal), a Windows resource's
string table.  ``detect.widetext`` reads a whole file as UTF-16 only when
its first few KB look so (a BOM, or a NUL at every other byte); a wide
string among other bytes is read by nothing, and every mode passes it.
"""
from __future__ import annotations

import random

import pytest

from tests.cli_run import leaked
from tests.cli_run import scan
from tests.keys import make_key


@pytest.mark.xfail(strict=True, reason=(
    'a UTF-16 run inside a binary is never decoded: finding it needs the wide '
    "forms of tgp_v1_ as screen needles (hist9's detect/prefilter.py), to be measured "
    'against the mypy --history CPU first'))
def test_a_key_in_a_dotnet_assemblys_string_heap_is_found(git_repo):
    rng = random.Random('wide-in-binary')
    key = make_key(rng)
    noise = bytes(rng.getrandbits(8) for _ in range(6000))
    # The heap's entry: a length byte, the UTF-16LE string, a flag byte.
    entry = bytes((2 * len(key) + 1,)) + key.encode('utf-16-le') + b'\0'
    (git_repo / 'App.dll').write_bytes(b'MZ\x90\0' + noise[:3000] + b'#US\0' + entry + noise[3000:])
    result = scan('--format', 'json', '.', cwd=git_repo)
    assert leaked([key], result.out + result.err) == []
    assert result.rc == 1, result.err
