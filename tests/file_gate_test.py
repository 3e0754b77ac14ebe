"""A tree of many files asks ``Scanner.file_test`` of each file read whole
before the engine (``pipeline._scan_serial``, ``Scanner.scan_one``): once
the screen reads by hyperscan's one pass, the blob test's one call
(``prefilter._fused_blob_test``: the needles, a zip's end record, a tar's
header, a NUL, a dump, a wrapped block, bare hex...) passes every file
``scan_one`` could find something in, so a file it fails is reported
clean without the engine's first questions.  Exact: with and without the
test, ``scan_one`` gives the same findings on every case of
tests/accuracy, every rule sample, files named for a key and one-word
files (a name read as ``name=value``), containers, wide text, and random
splices of their pieces; a tree of 256 files or more (forked, and on one
CPU) asks it and reports what it reported without it."""
from __future__ import annotations

import gzip
import io
import random
import zipfile

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.detect.accuracy_built import built
from tests.keys import fill
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks import pipeline
from together_hooks.detect import engine
from together_hooks.detect import prefilter
from together_hooks.rules import RULES
from together_hooks.sources.content import Content

pytestmark = pytest.mark.skipif(
    not prefilter._hyperscan_installed() or prefilter.hyperscan_where((b'ab',)) is None,
    reason='hyperscan (the fast extra) is not installed or cannot run here',
)

RNG = random.Random('file-gate')
KEY, HEX = make_key(RNG), make_hex(RNG)


@pytest.fixture(scope='module')
def gate():  # type: ignore[no-untyped-def]
    """The rules' screen reading by hyperscan's one pass (as a large run
    sets it up), and the file test a tree scan then asks."""
    screen = prefilter.Keywords(engine.keyword_screen(RULES).needles)
    screen.prepare(lambda _nbytes: True)
    assert screen.one_pass
    with pytest.MonkeyPatch.context() as m:
        m.setitem(engine._SCREENS, tuple(RULES), screen)
        worth = pipeline.Scanner().file_test()
        assert worth is not None
        yield worth


def _found(path: str, data: bytes, worth=None) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """The findings, or the error a file's scan stops with (a damaged
    container's: the run reports the file as not scanned whole)."""
    try:  # a file's content as ``scan_one`` has it once read whole
        found = pipeline.Scanner().scan_one(Content(path, data, fs_path=path), worth)
    except Exception as e:  # noqa: BLE001 (whichever it is, both ways must raise it)
        return [(type(e).__name__, str(e))]
    return sorted((f.path, f.line, f.column, f.rule, f.secret, f.encoding) for f in found)


def _zip(name: str, data: bytes, stub: bytes = b'') -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return stub + out.getvalue()


def _crafted() -> list[tuple[str, bytes, bool]]:
    """(path, bytes, a key found) of what ``scan_one`` finds by the file's
    name, its one word, its members or its encoding, each beside a decoy."""
    env = f'TOGETHER_API_KEY={KEY}\n'.encode()
    return [
        ('secrets/together_api_key.txt', HEX.encode() + b'\n', True),  # named for a key
        ('secrets/notes.txt', HEX.encode() + b'\n', False),
        ('secrets/together_api_key.sha256', HEX.encode() + b'\n', False),
        ('link-target', b'config/TOGETHER_API_KEY/' + HEX.encode(), True),  # one word, a name
        ('link-target-2', b'config/cache/' + HEX.encode(), False),
        ('bundle.zip', _zip('.env', env), True),
        # Behind a stub longer than the 4 KB a NUL is looked for in: the
        # zip's end record is all that tells it.
        ('installer.sh', _zip('.env', env, b'#!/bin/sh\n' + b'# unpacks itself\n' * 300 + b'exit 0\n'), True),
        ('plain.zip', _zip('notes.txt', b'nothing here\n'), False),
        ('env.gz', gzip.compress(env), True),
        ('wide.txt', env.decode().encode('utf-16'), True),
        ('wide-clean.txt', 'nothing here\n'.encode('utf-16'), False),
        ('dump.txt', b''.join(b'%08x: %s\n' % (i, env[i:i + 16].hex().encode()) for i in range(0, len(env), 16)), False),
        ('code.py', b'def together():\n    return 1\n' * 40, False),
        ('clean.py', b'def f():\n    return 1\n' * 40, False),
    ]


def test_a_crafted_file_gives_the_same_findings_through_the_gate(gate) -> None:  # type: ignore[no-untyped-def]
    skipped = 0
    for path, data, found in _crafted():
        plain = _found(path, data)
        assert _found(path, data, gate) == plain, path
        assert bool(plain) is found, path
        skipped += not gate(data)
    assert skipped >= 2  # the gate is asked, and fails some


def test_every_accuracy_case_and_rule_sample_gives_the_same_findings(gate, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    """A file the test passes takes the path it took without it; so the
    gate is exact where every file it fails holds nothing ``scan_one``
    finds (nor an error it stops with)."""
    cases = [(case.path, case.data) for case in built(tmp_path_factory)]
    for rule in RULES:
        for sample in rule.true_positives + rule.false_positives:
            for seed in range(2):
                text, _key = fill(sample, random.Random(seed))
                cases.append(('sample.txt', text.encode()))
    failed = [(path, data) for path, data in cases if not gate(data)]
    assert len(cases) > 1000 and len(failed) > 50  # the gate passes over some of them
    assert [path for path, data in failed if _found(path, data)] == []


PIECES = (
    KEY.encode(), HEX.encode(), KEY.encode()[:20], HEX.encode()[:40],
    b'TOGETHER_API_KEY=', b'together_api_key: ', b'Together(api_key="', b'together', b'TOGETHER',
    b'Bearer ', b'https://api.together.xyz/v1', b'\xff\xfe', b'\xfe\xff', b'\0',
    b'PK\x05\x06', b'ustar', b'\x1f\x8b\x08', b'<~', b'00000000: ', b'H4sI', b'dGdwX3Yx',
    b'tgp%5Fv1%5F', b'\\u0074gp_v1_', b'"tgp_v1_" "', b'/', b'-', b'_', b'.', b'=',
    b'\n', b' ', b'"', b"'", b'\\n', b'#!/bin/sh\n',
)
PATHS = ('notes.txt', 'secrets/together_api_key.txt', '.env', 'README.md', 'k')


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(
    st.sampled_from(PATHS),
    st.lists(st.one_of(st.binary(max_size=24), st.sampled_from(PIECES)), max_size=24).map(b''.join),
)
def test_random_splices_give_the_same_findings(gate, path: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    assert _found(path, data, gate) == _found(path, data)


@pytest.mark.parametrize('cpus', ['forked', 'one-cpu'])
def test_a_tree_scan_asks_the_gate_and_finds_what_it_found_without(
        cpus: str, tmp_path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from together_hooks.report import Summary
    from together_hooks.sources import files
    from together_hooks.sources import parallel

    if cpus == 'forked' and not parallel.available():
        pytest.skip('one core: no second process')
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    top = tmp_path / 'top'
    for i in range(pipeline.PARALLEL_MIN_FILES + 4):
        path = top / f'd{i % 4}' / f'f{i:04d}.py'
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'x = {i}  # together\n' if i % 50 == 0 else f'x = {i}\n')
    for path, data, _found_one in _crafted():
        (top / 'crafted' / path).parent.mkdir(parents=True, exist_ok=True)
        (top / 'crafted' / path).write_bytes(data)
    if cpus == 'one-cpu':
        monkeypatch.setattr(parallel, 'available', lambda: False)
    asked = []
    made = pipeline.Scanner.file_test

    def counted(self):  # type: ignore[no-untyped-def]
        test = made(self)
        assert test is not None
        return lambda data: asked.append(1) or test(data)

    def scanned() -> tuple[object, ...]:
        monkeypatch.setattr(engine, '_SCREENS', {})  # a fresh screen, its route unset
        summary = Summary()
        found = pipeline.scan_contents(list(files.from_tree(str(top))), summary, pipeline.Scanner())
        return (
            sorted((f.path, f.line, f.column, f.rule, f.secret, f.encoding) for f in found),
            summary.files_scanned, summary.bytes_scanned,
        )

    monkeypatch.setattr(pipeline.Scanner, 'file_test', counted)
    gated = scanned()
    if cpus == 'one-cpu':  # (a child's calls are its own)
        assert len(asked) == gated[1]
    assert asked  # the parent's share, forked
    monkeypatch.setattr(pipeline.Scanner, 'file_test', lambda self: None)
    assert gated == scanned()
    assert len(gated[0]) == sum(found for _p, _d, found in _crafted())


def test_own_keys_take_no_gate(gate) -> None:  # type: ignore[no-untyped-def]
    """A developer's own key is found in any encoding, keyword or not: a
    file holding only its hex, which the blob test fails, is still read."""
    from together_hooks.detect.ownkeys import OwnKeys

    data = b'checksum = "' + HEX.encode() + b'"\n'
    assert not gate(data)
    scanner = pipeline.Scanner(own_keys=OwnKeys([HEX]))
    assert scanner.file_test() is None
    assert [f.secret for f in scanner.scan_one(Content('build.py', data, 'build.py'), scanner.file_test())] == [HEX]
    decoy = pipeline.Scanner(own_keys=OwnKeys([make_hex(random.Random('file-gate-other'))]))
    assert decoy.scan_one(Content('build.py', data, 'build.py'), decoy.file_test()) == []


def test_a_file_the_gate_fails_makes_no_budget(gate, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A file's decompression budget is made once it is to be scanned:
    none for a file ``file_test`` fails (most of a tree's), one for a file
    it passes (a key, a zip), one for a file read with no gate (own keys,
    a hook's few files), whose findings it holds as before."""
    made = []
    real = pipeline.Budget

    def counted(path: str, *rest):  # type: ignore[no-untyped-def]
        made.append(path)
        return real(path, *rest)  # (and what the scanner knows of your keys: faults38)

    monkeypatch.setattr(pipeline, 'Budget', counted)
    clean = b'def f(x):\n    return x + 1\n' * 40
    assert _found('src/clean.py', clean, gate) == [] and made == []
    keyed = b'client = Together(api_key="' + KEY.encode() + b'")\n'
    assert [f[4] for f in _found('src/app.py', keyed, gate)] == [KEY]
    assert made == ['src/app.py']
    assert [f[4] for f in _found('pack.zip', _zip('app.py', keyed), gate)] == [KEY]
    assert made == ['src/app.py', 'pack.zip']
    assert _found('src/clean.py', clean) == []  # no gate: scanned, and budgeted
    assert made == ['src/app.py', 'pack.zip', 'src/clean.py']
