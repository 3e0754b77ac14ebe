"""Wide strings among other bytes (``widetext.runs_view``, read by
``engine._wide_hits``): UTF-16 and UTF-32 runs in either byte order,
found where a keyword's wide form is, each character mapped back to its
byte; and binaries, random or real, that must give nothing."""
from __future__ import annotations

import glob
import importlib.util
import os
import py_compile
import random
import sysconfig

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.widetext import runs_view
from together_hooks.detect.widetext import wide_forms
from together_hooks.findings import PACKED_OBJECT

_KEYWORDS = (b'tgp_v1_', b'ogether', b'OGETHER')


@pytest.mark.parametrize('codec, at', [
    ('utf-16-le', 0), ('utf-16-be', 1), ('utf-32-le', 0), ('utf-32-be', 3),
])
def test_a_run_maps_each_character_to_its_byte(codec: str, at: int) -> None:
    rng = random.Random(codec)
    key = make_key(rng)
    text = f'TOGETHER_API_KEY={key}'
    data = rng.randbytes(700) + b'\0\0' + text.encode(codec) + b'\0\0\0\0' + rng.randbytes(700)
    view = runs_view(data, _KEYWORDS, 4096)
    assert view is not None
    where = view.data.index(key.encode())
    width = 2 if '16' in codec else 4
    assert view.origin(where) == data.index(key.encode(codec)) + at
    assert data[view.origin(where) + width * 10] == ord(key[10])
    assert [f.secret for f in scan_bytes(data, 'x.bin')] == [key]


def test_a_pragma_on_a_wide_string_allows_its_key_in_every_width() -> None:
    """An inline pragma in a binary's wide string is in its characters,
    not its bytes: honoured for UTF-16 and UTF-32 alike, on its own string
    only (the next string's key, and one in an unreferenced object, still
    report)."""
    rng = random.Random('wide-pragma')
    for codec in ('utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be'):
        allowed, other = make_key(rng), make_key(rng)
        wide = b'\0\0\0\0'.join(s.encode(codec) for s in (
            f'TOGETHER_API_KEY={allowed}  # pragma: allowlist secret', f'TOGETHER_API_KEY={other}'))
        data = rng.randbytes(300) + b'\0\0\0\0' + wide + b'\0\0\0\0' + rng.randbytes(300)
        assert [f.secret for f in scan_bytes(data, 'x.bin')] == [other], codec
        assert sorted(f.secret for f in scan_bytes(data, PACKED_OBJECT)) == sorted([allowed, other]), codec


def test_a_name_and_its_value_in_neighbouring_strings() -> None:
    # A legacy key in one wide string, its Together name in the one
    # before (a registry value, a resource table): read as two lines.
    rng = random.Random('neighbours')
    hexkey = make_hex(rng)
    data = (rng.randbytes(500) + b'\0\0' + 'TOGETHER_API_KEY'.encode('utf-16-le') + b'\0\0\x01\x00'
            + hexkey.encode('utf-16-le') + b'\0\0' + rng.randbytes(500))
    assert [f.secret for f in scan_bytes(data, 'settings.bin')] == [hexkey]


def test_strings_far_apart_give_no_context() -> None:
    # "together" and a 64-hex string past a rule's reach from each other:
    # no legacy key (a digest in a binary that also says "Together").
    rng = random.Random('far')
    data = (rng.randbytes(300) + b'\0\0' + 'Together AI client'.encode('utf-16-le') + b'\0\0'
            + rng.randbytes(9000) + b'\0\0' + make_hex(rng).encode('utf-16-le') + b'\0\0' + rng.randbytes(300))
    assert scan_bytes(data, 'far.bin') == []


def test_a_binary_without_a_keywords_wide_form_is_not_read() -> None:
    # Wide strings, none holding a keyword's wide form: no view is built.
    rng = random.Random('no-keyword')
    data = rng.randbytes(400) + 'ProductName\0MyApp\0FileVersion\0'.encode('utf-16-le') + rng.randbytes(400)
    assert runs_view(data, _KEYWORDS, 4096) is None
    assert all(form not in data for form in wide_forms(_KEYWORDS))


def _decoys() -> dict[str, bytes]:
    rng = random.Random('wide-decoys')
    printable = bytes(range(0x20, 0x7f))

    def nul_pairs(n: int) -> bytes:
        # Random printable characters each with a NUL: wide "strings" of noise.
        return b''.join(bytes((rng.choice(printable), 0)) for _ in range(n))
    out = {
        'random-nul-pairs.bin': b'\0'.join(rng.randbytes(rng.randrange(1, 40)) + nul_pairs(rng.randrange(4, 80))
                                           for _ in range(200)),
        'placeholder.dmp': rng.randbytes(2000) + '\0'.join([
            'TOGETHER_API_KEY=${TOGETHER_API_KEY}', 'TOGETHER_API_KEY=%TOGETHER_API_KEY%',
            'TOGETHER_KEY_ID=key_' + rng.randbytes(12).hex(), 'TOGETHER_API_KEY=<your-key>',
        ]).encode('utf-16-le') + b'\0\0' + rng.randbytes(2000),
        'lockfile-hash.bin': rng.randbytes(1000) + (
            f'together-sdk==1.3.0 --hash=sha256:{rng.randbytes(32).hex()}\n').encode('utf-16-be') + rng.randbytes(1000),
        'words.bin': rng.randbytes(1000) + nul_pairs(3000) + 'Together'.encode('utf-32-le') + nul_pairs(3000),
    }
    # Real binaries: a compiled module, a shared library, an image, and
    # Windows launchers (PE files with UTF-16 resources).
    out['module.pyc'] = _read(py_compile.compile(
        os.path.join(sysconfig.get_paths()['stdlib'], 'secrets.py'),
        cfile=os.path.join(os.environ.get('TMPDIR', '/tmp'), f'wide-decoy-{os.getpid()}.pyc')))
    for pattern in (os.path.join(sysconfig.get_paths()['platstdlib'], 'lib-dynload', '_sqlite3*.so'),):
        for path in glob.glob(pattern)[:1]:
            out['shared.so'] = _read(path)
    for package, names in (('distlib', ('t64.exe', 'w64.exe')), ('distributed', ('http/static/images/python.png',))):
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        for name in names:
            path = os.path.join(os.path.dirname(spec.origin), name)
            if os.path.exists(path):
                out[os.path.basename(path)] = _read(path)
    return out


def _read(path: str) -> bytes:
    with open(path, 'rb') as f:
        return f.read()


def test_random_and_real_binaries_give_nothing() -> None:
    decoys = _decoys()
    assert len(decoys) >= 6, sorted(decoys)
    # The made ones hold a keyword's wide form: their strings are read.
    for name in ('placeholder.dmp', 'lockfile-hash.bin', 'words.bin'):
        assert runs_view(decoys[name], _KEYWORDS, 4096) is not None, name
    found = {name: [f.rule for f in scan_bytes(data, name)] for name, data in decoys.items()}
    assert found == {name: [] for name in decoys}
