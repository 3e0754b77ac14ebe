"""``engine.prepare``: what a tree scan loads and decides once, before it
forks, so that neither process pays for it again (or too late)."""
from __future__ import annotations

import marshal
import os
import subprocess
import sys

import pytest

from tests.detect.accuracy_built import sets
from together_hooks.detect import prefilter
from together_hooks.detect.engine import keyword_screen
from together_hooks.rules import RULES


def test_a_prepared_engine_imports_and_compiles_nothing_more_for_any_case(tmp_path, tmp_path_factory):
    """After ``prepare``, detection of every tests/accuracy case (keys in
    every format and encoding, decoys, base64, UTF-16, context under
    generic names) imports no module and compiles no regex of the code's
    own: in a forked scan, each process would otherwise do it again.
    Patterns built from the scanned bytes (names bound to an endpoint,
    a prefix's sibling lines or Terraform variable blocks, a Lisp package's
    sibling forms) are the only
    compiles left.  With a cold regex cache (an empty ``XDG_CACHE_HOME``):
    a warm one builds a pattern from its stored program without compiling,
    and hid what ``prepare`` left out (wide text's runs, a base64 value's
    keyword search at the top level, the structure walk's holes, a few
    constant patterns), which every fresh machine compiled twice."""
    source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    # The cases are built once a run (``accuracy_built``) and read here
    # with ``marshal``; the process imports the sets' modules, as it did
    # when it built them (what they import is loaded before ``before``:
    # without them, ~40 standard modules the scan imports on first use,
    # json, gzip, zipfile, csv, html among them, show up after it).
    written = tmp_path / 'cases.marshal'
    written.write_bytes(marshal.dumps([(case.path, case.data) for case in sets(tmp_path_factory)]))
    code = (
        'import importlib, marshal, pkgutil, re, sys\n'
        f'sys.path.insert(0, {source!r})\n'
        'import tests.accuracy as accuracy\n'
        'for info in pkgutil.iter_modules(accuracy.__path__):\n'
        '    if info.name.endswith("_test"):\n'
        '        importlib.import_module(f"tests.accuracy.{info.name}")\n'
        'from together_hooks.detect import engine\n'
        'from together_hooks.rules import RULES\n'
        'from together_hooks.detect.context import FLAT_LEAD\n'
        'from together_hooks.detect.context import VARIABLE_SIBLINGS\n'
        f'with open({str(written)!r}, "rb") as f:\n'
        '    cases = marshal.load(f)\n'
        'cases.append(("wide.txt", "TOGETHER_API_KEY=x\\n".encode("utf-16")))\n'
        'engine.prepare(RULES)\n'
        'before = set(sys.modules)\n'
        'compiled = []\n'
        'real = re._compiler.compile\n'
        're._compiler.compile = lambda p, flags=0: compiled.append(p) or real(p, flags)\n'
        'found = sum(len(engine.scan_bytes(data, path)) for path, data in cases)\n'
        'print(found > 100, sorted(set(sys.modules) - before))\n'
        'print(sorted({repr(p)[:60] for p in compiled if not (\n'
        '    isinstance(p, bytes) and p.startswith((b"(?<![\\\\w])(?:", b"(?m)^[ \\\\t]*" + FLAT_LEAD,\n'
        '                                          b"(?m)^[ \\\\t]*\\\\((?:(?:setq", VARIABLE_SIBLINGS))\n'
        ')}))\n'
    )
    proc = subprocess.run(
        (sys.executable, '-c', code), capture_output=True, text=True, cwd=source,
        env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / 'cold-cache')),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout == 'True []\n[]\n', proc.stdout


def test_a_prepared_engine_decodes_base32_and_base85_with_nothing_more_to_import():
    """``codec``'s base32 and base85 readings import ``base64`` (and it
    ``struct``) on their first decode: without ``prepare`` doing it,
    both processes of a forked tree scan did (the bench tree's and mypy's
    both).  In a fresh interpreter: the test above imports ``base64``
    through its cases before it looks."""
    source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    code = (
        'import sys\n'
        f'sys.path.insert(0, {source!r})\n'
        'from together_hooks.detect import codec, engine\n'
        'from together_hooks.rules import RULES\n'
        'engine.prepare(RULES)\n'
        'before = set(sys.modules)\n'
        'assert codec.b32_decode(b"ORTXAX3WGFPQ") is not None\n'
        'codec.b85_decode(b"VPRomVPRomVPRom")\n'
        'print(sorted(set(sys.modules) - before))\n'
    )
    proc = subprocess.run((sys.executable, '-c', code), capture_output=True, text=True, cwd=source)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout == '[]\n', proc.stdout


def test_a_prepared_engine_reads_a_table_with_nothing_more_to_import():
    """A table's row and an SQL ``INSERT``'s tuple beside a key are read
    as CSV (``csvrow``), which imports ``csv`` on its first row: without
    ``prepare`` doing it, each process of a forked tree scan did.  In a
    fresh interpreter: the first test of this file imports ``csv``
    through its cases before it looks.  The rows hold a legacy key each
    (found); a digest in a table naming no provider is not."""
    source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    code = (
        'import random, sys\n'
        f'sys.path.insert(0, {source!r})\n'
        'from tests.keys import make_hex\n'
        'from together_hooks.detect import engine\n'
        'from together_hooks.rules import RULES\n'
        'engine.prepare(RULES)\n'
        'before = set(sys.modules)\n'
        'rng = random.Random(38)\n'
        'table = f"id,provider,api_key\\n1,together,{make_hex(rng)}\\n".encode()\n'
        'sql = f"INSERT INTO creds (provider, secret) VALUES (\'together\', \'{make_hex(rng)}\');\\n".encode()\n'
        'decoy = f"id,file,sha256\\n1,together.tar.gz,{make_hex(rng)}\\n".encode()\n'
        'found = [len(engine.scan_bytes(d, p)) for d, p in ((table, "keys.csv"), (sql, "dump.sql"), (decoy, "sums.csv"))]\n'
        'print(found, sorted(set(sys.modules) - before))\n'
    )
    proc = subprocess.run((sys.executable, '-c', code), capture_output=True, text=True, cwd=source)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout == '[1, 1, 0] []\n', proc.stdout


def _screen() -> prefilter.Keywords:
    return prefilter.Keywords(keyword_screen(RULES).needles)


def test_prepare_keeps_the_grouped_route_when_the_run_is_small(monkeypatch):
    """A run told it passes fewer bytes than hyperscan pays for keeps the
    grouped searches for good: a forked process never loads hyperscan on
    its own halfway through (each did, once it had seen 16 MiB)."""
    calls = []
    monkeypatch.setattr(prefilter, 'hyperscan_where', lambda needles: calls.append(1))
    monkeypatch.setattr(prefilter, '_hyperscan_installed', lambda: True)
    monkeypatch.setattr(prefilter, 'WHERE_ONE_PASS_MIN_BYTES', 4096)
    screen = _screen()
    asked = []
    screen.prepare(lambda n: asked.append(n) or False)
    assert asked == [4096]
    data = b'x = 1\n' * 2000 + b'y = "together"\n'
    for _ in range(4):
        assert screen.where(data).offsets(b'ogether') == [data.find(b'ogether')]
    assert calls == []


def test_prepare_asks_no_sizes_without_hyperscan(monkeypatch):
    """Without hyperscan the answer cannot change the route: the run's
    sizes (one ``lstat`` per file) are not asked for."""
    monkeypatch.setattr(prefilter, '_hyperscan_installed', lambda: False)
    screen = _screen()
    screen.prepare(lambda n: pytest.fail('sizes asked'))
    assert screen._where is screen._grouped_where


def test_prepare_sets_hyperscan_up_before_the_first_byte_of_a_large_run():
    """Told the run passes enough bytes, ``prepare`` loads and compiles
    hyperscan at once (before the fork: one compile for both processes),
    and its answers are the grouped route's.  The grouped searches are
    then never compiled: the screen and small bytes (a commit message, a
    path) ask the one pass too, with the plain checks' answers."""
    if not prefilter._hyperscan_installed() or prefilter.hyperscan_where((b'ab',)) is None:
        pytest.skip('hyperscan (the fast extra) is not installed or cannot run here')
    screen = _screen()
    screen.prepare(lambda n: n == prefilter.WHERE_ONE_PASS_MIN_BYTES)
    assert screen._where is not None and screen._where is screen._one_pass
    assert screen._grouped is None and screen._grouped_where is None
    data = b'a' * 2000 + b'together tgp_v1_ OGETHER ' * 3 + b'b' * 2000
    grouped = screen._where_grouped()
    for sample in (data, data[1990:2040], b'fix: a typo', b'src/together/x.py', b''):
        ours, theirs = screen.where(sample), grouped(sample)
        assert bool(ours) is bool(theirs) is screen(sample) is screen.plain(sample)
        for needle in screen.needles:
            assert ours.offsets(needle) == theirs.offsets(needle)
    assert screen.where(data).offsets(b'ogether')
    assert screen._grouped is None and screen._grouped_where is None


def test_a_forked_scan_of_few_bytes_reads_by_the_one_pass_and_asks_no_size(tmp_path, monkeypatch):
    """A tree of 256 files or more is split over two processes, and its
    screen takes hyperscan's one pass (when installed) however few bytes
    the files hold: set up from the database a run keeps, it costs less
    than the grouped searches it replaces and reads faster.  No file's
    size is asked first (it was: one ``lstat`` a file up to 16 MiB, and
    a tree under that kept the grouped searches)."""
    from together_hooks import pipeline
    from together_hooks.detect import engine
    from together_hooks.report import Summary
    from together_hooks.sources import files
    from together_hooks.sources import parallel

    if not parallel.available():
        pytest.skip('one core: no second process')
    if not prefilter._hyperscan_installed() or prefilter.hyperscan_where((b'ab',)) is None:
        pytest.skip('hyperscan (the fast extra) is not installed or cannot run here')
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    for i in range(pipeline.PARALLEL_MIN_FILES + 4):
        path = tmp_path / 'top' / f'd{i % 4}' / f'f{i:04d}.py'
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'x = {i}  # together\n' if i % 50 == 0 else f'x = {i}\n')
    contents = list(files.from_tree(str(tmp_path / 'top')))
    monkeypatch.setattr(engine, '_SCREENS', {})  # a fresh screen, its route unset
    asked = []
    real = os.lstat
    top = os.fspath(tmp_path / 'top')
    monkeypatch.setattr(os, 'lstat', lambda p, *a, **k: os.fspath(p).startswith(top) and asked.append(p) or real(p, *a, **k))
    summary = Summary()
    found = pipeline.scan_contents(contents, summary, pipeline.Scanner())
    assert (found, summary.files_scanned) == ([], pipeline.PARALLEL_MIN_FILES + 4)
    assert keyword_screen(RULES).one_pass
    assert asked == []


# A forked tree scan with hyperscan set up before the fork, against one
# process with the grouped searches, over every tests/accuracy case:
# sources/sources_test.py::test_a_forked_tree_finds_what_one_process_finds_in_every_kind_of_file
# (the same tree, built once for both checks).


def test_a_tree_scan_on_one_cpu_reads_by_the_one_pass_from_its_first_file(tmp_path, monkeypatch):
    """A tree that would be split over two processes but may run on one
    CPU only (``taskset``, a container's cpuset: ``parallel.available``
    says no) is scanned in one process with the screen the fork takes:
    hyperscan's one pass from the first file.  It kept the route of a
    few files instead (``in`` of every needle in each file holding a
    keyword until 1 MiB was screened), which cost the bench tree more CPU
    than the fork saves (docs/performance.md, "Issue 17, session 32").
    The same findings: the key, and no finding for its placeholder."""
    import random

    from tests.keys import make_key
    from together_hooks import pipeline
    from together_hooks.detect import engine
    from together_hooks.report import Summary
    from together_hooks.sources import files
    from together_hooks.sources import parallel

    if not prefilter._hyperscan_installed() or prefilter.hyperscan_where((b'ab',)) is None:
        pytest.skip('hyperscan (the fast extra) is not installed or cannot run here')
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    key = make_key(random.Random('one-cpu-one-pass'))
    for i in range(pipeline.PARALLEL_MIN_FILES + 4):
        path = tmp_path / 'top' / f'd{i % 4}' / f'f{i:04d}.py'
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'x = {i}  # together\n' if i % 50 == 0 else f'x = {i}\n')
    (tmp_path / 'top' / 'd1' / '.env').write_text(f'TOGETHER_API_KEY={key}\n')
    (tmp_path / 'top' / 'd2' / '.env').write_text('TOGETHER_API_KEY=${TOGETHER_API_KEY}\n')  # the decoy
    contents = list(files.from_tree(str(tmp_path / 'top')))
    monkeypatch.setattr(engine, '_SCREENS', {})  # a fresh screen, its route unset
    monkeypatch.setattr(parallel, 'available', lambda: False)
    forks = []
    monkeypatch.setattr(parallel, 'split', lambda *a: forks.append(1))
    summary = Summary()
    found = pipeline.scan_contents(contents, summary, pipeline.Scanner())
    assert forks == []
    assert [(f.path, f.line, f.secret) for f in found] == [('d1/.env', 1, key)]
    assert summary.files_scanned == pipeline.PARALLEL_MIN_FILES + 6
    assert keyword_screen(RULES).one_pass
