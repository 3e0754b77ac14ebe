"""The one-pass keyword matcher flags exactly the blobs the plain checks flag."""
from __future__ import annotations

import os
import random

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.conftest import git
from tests.conftest import write
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import engine
from together_hooks.detect import prefilter
from together_hooks.detect.engine import scan_bytes
from together_hooks.pipeline import Scanner
from together_hooks.sources import history
from together_hooks.rules import RULES

KEYWORDS = prefilter.Keywords(
    k for rule in RULES for k in (*rule.keywords, *rule.b64_keywords)
)
PIECES = sorted(
    {k for k in KEYWORDS.keywords}
    | {k[:-1] for k in KEYWORDS.keywords} | {k[1:] for k in KEYWORDS.keywords}
    | {k.swapcase() for k in KEYWORDS.keywords}
    | {b'\0', b'\n', b'\xff', b'x', b'_', b'T', b'g'},
)
blobs = st.one_of(
    st.binary(max_size=512),
    st.lists(st.sampled_from(PIECES), max_size=40).map(b''.join),
)


def one_pass() -> object:
    """Does the bytes hold a needle, by one hyperscan pass: ``where``'s
    answer and the first-match test (``Keywords.__call__`` once hyperscan
    is chosen), which must agree."""
    pytest.importorskip('hyperscan')
    routes = prefilter.hyperscan_routes(KEYWORDS.needles)
    assert routes is not None
    fast, present = routes

    def flagged(data: bytes) -> bool:
        assert bool(fast(data)) is present(data)
        return present(data)

    return flagged


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(blobs)
def test_one_pass_flags_exactly_what_the_plain_checks_flag(data):
    # ``plain``: ``KEYWORDS`` itself may be on the one pass (a blob test
    # of many bytes chose it).
    assert one_pass()(data) is KEYWORDS.plain(data)


def test_each_keyword_anywhere_is_flagged():
    fast = one_pass()
    for keyword in KEYWORDS.keywords:
        for data in (keyword, b'x' * 70_000 + keyword, keyword + b'\0' * 9, b'a\n' + keyword):
            assert fast(data) and KEYWORDS(data)
    assert not fast(b'') and not fast(b'no keyword here' * 1000)


def test_small_inputs_keep_the_plain_checks():
    keywords = prefilter.Keywords(KEYWORDS.needles)
    assert keywords.blob_test(prefilter.WHERE_ONE_PASS_MIN_BYTES - 1)(b'x' * 5000 + b'tgp_v1_')
    assert keywords._where is None and keywords._grouped_where is None


def test_a_blob_that_passes_is_not_searched_again(monkeypatch):
    keywords = prefilter.Keywords(KEYWORDS.needles)
    data = b'x = 1\n' * 2000 + b'TOGETHER_API_KEY = os.environ["X"]\n'
    assert keywords.blob_test(len(data))(data)
    monkeypatch.setattr(prefilter.Keywords, '_where_now', None)  # any search now fails
    where = keywords.where(data)
    assert where.offsets(b'OGETHER') == [len(data) - 34] and b'ogether' not in where


KEY_PIECES = (
    make_key(random.Random('prefilter-tgp')).encode(),
    make_hex(random.Random('prefilter-hex')).encode(),
    b'TOGETHER_API_KEY=', b'together_api_key: ', b'Together(api_key="',
    b'Bearer ', b'https://api.together.xyz/v1/models', b'\xff\xfe', b'\xfe\xff',
    b'\n', b'"', b'=', b'\0',
)


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.lists(
    st.one_of(st.binary(max_size=32), st.sampled_from(KEY_PIECES)), max_size=24,
).map(b''.join))
def test_every_blob_with_a_finding_passes_the_blob_test(data):
    found = scan_bytes(data, '')
    for nbytes in (0, prefilter.WHERE_ONE_PASS_MIN_BYTES):
        assert KEYWORDS.blob_test(nbytes)(data) or not found


def test_utf16_text_passes_the_blob_test(keys):
    data = ('\ufeffTOGETHER_API_KEY=' + keys() + '\n').encode('utf-16-le')
    assert scan_bytes(data, '') and not KEYWORDS(data)
    assert KEYWORDS.blob_test(0)(data)


def test_history_with_the_one_pass_test_finds_what_plain_checks_find(
        git_repo, keys, monkeypatch,
):
    one_pass()
    write(git_repo, 'a.py', f'K = "{keys()}"\n')
    write(git_repo, '.env', f'TOGETHER_API_KEY={keys("hex")}\n')
    write(git_repo, 'c.py', 'x = 1\n' * 100)
    (git_repo / 'b.txt').write_bytes(
        ('\ufeffTOGETHER_API_KEY=' + keys() + '\n').encode('utf-16'),
    )
    for msg in ('add', 'remove'):
        git(git_repo, 'add', '-A')
        git(git_repo, 'commit', '-q', '--no-verify', '-m', msg)
        for name in ('a.py', '.env', 'b.txt'):
            (git_repo / name).unlink(missing_ok=True)
    scanner = Scanner()
    root = str(git_repo)

    def found(worth) -> list[tuple[str, str]]:
        return sorted(
            (r.path, r.commit)
            for r in history.scan_history(root, scanner.scan_one, worth=worth)
        )

    plain = found(None)
    assert [path for path, _c in plain] == ['.env', 'a.py', 'b.txt']
    monkeypatch.setattr(prefilter, 'WHERE_ONE_PASS_MIN_BYTES', 0)
    monkeypatch.setattr(engine, '_SCREENS', {})  # a screen that starts with hyperscan
    assert found(scanner.blob_test) == plain
    assert engine.keyword_screen(scanner.rules)._where is not None


PREPARED = prefilter.Keywords(KEYWORDS.needles)
PREPARED.prepare()


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(blobs)
def test_a_prepared_screen_flags_and_places_exactly_what_the_plain_checks_do(data):
    """``prepare`` (before a tree scan forks) puts the grouped searches to
    work from the first byte: the same answer as one ``in`` per keyword,
    and every needle at the offsets a ``find`` loop gives."""
    assert PREPARED._grouped is not None and PREPARED._grouped_where is not None
    assert PREPARED(data) is KEYWORDS.plain(data)
    where = PREPARED.where(data + b'.' * prefilter.WHERE_GROUPED_MIN_SIZE)
    for needle in KEYWORDS.needles:
        at, offsets = data.find(needle), []
        while at != -1:
            offsets.append(at)
            at = data.find(needle, at + 1)
        assert where.offsets(needle) == offsets


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.binary(max_size=5000) | st.builds(
    lambda head, fill, tail: head + b'a' * fill + tail,
    st.sampled_from([b'', b'\xff\xfe', b'\xfe\xff', b'\xff', b'\0']),
    st.integers(0, 4200), st.binary(max_size=8),
))
def test_may_be_wide_reads_the_head_as_it_always_did(data):
    """``may_be_wide`` looks for a NUL in place (no copy of the first 4 KiB
    of every file): the same answer as the copying spelling."""
    assert prefilter.may_be_wide(data) is (
        b'\0' in data[:4096] or data[:2] in (b'\xff\xfe', b'\xfe\xff')
    )


def test_no_anchor_group_is_a_pass_its_needles_do_not_need():
    """Each anchor group is a pass over every byte: a needle that holds an
    anchor some other group searches joins that group, so the encoded
    forms (``-EncodedCommand``'s hold ``X`` and ``H``; three levels of
    base64) add no pass.  Every group keeps a needle no other anchor
    finds, and every needle is in the group of an anchor it holds."""
    screen = engine.keyword_screen(RULES)
    groups = prefilter._anchors(screen.keywords)
    for anchor, needles in groups.items():
        assert all(anchor in n for n in needles), anchor
        assert any(not any(a in n for a in groups if a != anchor) for n in needles), anchor
    assert sorted(n for ns in groups.values() for n in ns) == sorted(screen.keywords)
    # Folding keeps each needle's search: the grouped route places every
    # needle exactly as ``find`` does.
    rng = random.Random(17)
    data = b' '.join(rng.choice(screen.needles) + bytes(rng.randrange(256) for _ in range(9)) for _ in range(300))
    got = screen._where_grouped()(data)
    plain = screen._where_plain(data)
    assert {n: got.offsets(n) for n in screen.needles if n in got} == {
        n: plain.offsets(n) for n in screen.needles if n in plain
    }


def test_hyperscan_is_loaded_without_its_packages_typing_import(tmp_path):
    """The fast extra's screen loads hyperscan's extension alone
    (``prefilter.hyperscan_module``): its package's ``__init__`` imports
    ``typing``, 7.5 ms of a tree scan's CPU.  The routes still find each
    needle, and the package imported after takes the same module."""
    pytest.importorskip('hyperscan')
    import subprocess
    import sys

    script = (
        'import sys\n'
        'from together_hooks.detect import engine, prefilter\n'
        'from together_hooks.rules import RULES\n'
        'needles = engine.keyword_screen(RULES).needles\n'
        'where, present = prefilter.hyperscan_routes(needles)\n'
        'assert prefilter._head_test()(b"<~87cURD]i,~>") and where(b"x" + needles[0]).offsets(needles[0]) == [1]\n'
        'print(sorted(m for m in ("typing", "hyperscan", "hyperscan._hs_ext") if m in sys.modules))\n'
        'import hyperscan\n'
        'print(hyperscan.Database is prefilter.hyperscan_module().Database)\n'
    )
    env = {**os.environ, 'XDG_CACHE_HOME': str(tmp_path)}
    out = subprocess.run(
        [sys.executable, '-c', script], env=env, capture_output=True, text=True, check=True,
    ).stdout.split('\n')
    assert out[:2] == ["['hyperscan._hs_ext']", 'True']
