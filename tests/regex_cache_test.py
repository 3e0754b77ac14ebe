"""The compiled-regex cache gives exactly what ``re.compile`` gives, or
falls back to it."""
from __future__ import annotations

import os
import random
import re

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.keys import fill
from together_hooks import regex_cache
from together_hooks.detect import codec
from together_hooks.detect import context
from together_hooks.detect import engine
from together_hooks.detect import scrub
from together_hooks.rules import RULES


def our_patterns() -> list[tuple[bytes | str, int]]:
    """(pattern, flags) of every regex the rules, decoders and context
    walkers compile through the cache, and of the constant ones the
    engine's checks and the scrub of every report match
    (``regex_cache.cached``)."""
    compiled = [codec._UNESCAPE, codec._ENTITY, codec._QP, codec._PERCENT, codec._JOIN,
                codec._WORD_JOIN, codec._OVERSTRIKE,
                codec._B64_RUN, codec._NOT_B64, codec._GIT_HUNK,
                context._TARGET, context._MODEL, context._SECTION, context._ASSIGNS,
                *context._FLAT_NAMES]
    for rule in RULES:
        compiled += [rule.value, rule.anchor]
        for pattern in rule.patterns:
            compiled += [pattern.regex, pattern.decoded]
            for ctx in pattern.contexts():
                walker = context.Walker(ctx.mention, ctx.label, ctx.url, ctx.reach, ctx.veto,
                                        structure_label=ctx.structure_label)
                compiled += [walker.mention, walker.label, walker.veto, walker.url, walker.endpoint,
                             walker.structure]
    sources = {c.pattern for c in compiled if c is not None}
    sources.update(c for rule in RULES for c in rule.classes)
    sources.update((engine._ESCAPE_BEFORE, engine._PRINTABLE))
    sources.update((
        scrub._CONTROL, scrub._ESCAPE_LEAD, scrub._SGR_OR_CONTROL, scrub._COMMAND,
        scrub._TGP_RUN, scrub._PCT_RUN, scrub._B64_RUN, scrub._HEX_RUN, scrub._ENV_KEY,
        scrub._PIECE_RUN, scrub._QP_LEAD,
    ))
    sources.update(grouped_searches())
    return sorted(((s, 0) for s in sources), key=repr)


def grouped_searches() -> list[bytes]:
    """The sources of the keyword screen's grouped searches, which a run
    compiles once it has screened ``GROUPED_MIN_BYTES``."""
    from together_hooks.detect import prefilter

    keywords = engine.keyword_screen(RULES).keywords
    return [prefilter._group_source(a, n) for a, n in prefilter._anchors(keywords).items()]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder, and the module as a new process finds it."""
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path))
    restart(monkeypatch)
    return tmp_path / 'together-hooks' / 'regex-programs'


def restart(monkeypatch) -> None:
    monkeypatch.setattr(regex_cache, '_programs', None)
    monkeypatch.setattr(regex_cache, '_generated', {})
    monkeypatch.setattr(regex_cache, '_built', {})
    monkeypatch.setattr(regex_cache, '_used', set())
    monkeypatch.setattr(regex_cache, '_blobs', None)
    monkeypatch.setattr(regex_cache, '_new_blobs', {})
    monkeypatch.setattr(regex_cache, '_used_blobs', set())


def from_cache(monkeypatch) -> list[re.Pattern[bytes]]:
    """Every pattern compiled by a run that generates and saves them, then
    by a new one that must take every program from the file."""
    for pattern, flags in our_patterns():
        regex_cache.compile(pattern, flags)
    regex_cache._save()
    restart(monkeypatch)
    built = [regex_cache.compile(pattern, flags) for pattern, flags in our_patterns()]
    assert regex_cache._generated == {}  # nothing compiled afresh
    assert set(our_patterns()) <= set(regex_cache._programs)
    return built


def same(a: re.Pattern[bytes], b: re.Pattern[bytes]) -> bool:
    return a == b and a.groups == b.groups and a.groupindex == b.groupindex


def test_every_cached_program_is_the_one_re_compile_generates(cache, monkeypatch):
    """``Pattern ==`` compares the generated code, not only the text."""
    assert len(our_patterns()) >= 19
    for built, (pattern, flags) in zip(from_cache(monkeypatch), our_patterns()):
        assert same(built, re.compile(pattern, flags)), pattern
    assert cache.stat().st_mode & 0o777 == 0o600


def test_cached_programs_match_what_re_compile_matches_on_every_sample(cache, monkeypatch):
    """A program taken from the file finds on every rule sample what
    ``re.compile``'s finds.  One whose code, flags and groups equal
    ``re.compile``'s (``same``: ``Pattern ==`` compares the code word for
    word) runs the same matcher on the same program: its matches are the
    same on any text, so the samples are matched only for one that is not
    (none, while ``test_every_cached_program_is_the_one_re_compile_generates``
    holds; matching the samples twice with each was ~1.2M ``finditer``s)."""
    built = from_cache(monkeypatch)
    texts = [
        fill(sample, random.Random(seed))[0].encode()
        for rule in RULES for sample in rule.true_positives + rule.false_positives
        for seed in range(3)
    ]
    for regex, (pattern, flags) in zip(built, our_patterns()):
        plain = re.compile(pattern, flags)
        if same(regex, plain):
            continue
        for text in map(_as(pattern), texts):
            assert [m.span() + m.groups() for m in regex.finditer(text)] == \
                [m.span() + m.groups() for m in plain.finditer(text)]


def _as(pattern: bytes | str):
    """Bytes as a ``pattern`` of that type matches them (the scrub's str
    patterns read text, surrogate escapes included)."""
    if isinstance(pattern, bytes):
        return lambda text: text
    return lambda text: text.decode('utf-8', 'surrogateescape')


_ALPHABET = st.sampled_from([
    b'tgp_v1_', b'together', b'TOGETHER_API_KEY', b'api_key', b'=', b'"', b"'", b':', b' ',
    b'\n', b'\\', b'+', b'&amp;', b'%2F', b'=\n', b'0123456789abcdef', b'A-Za-z_', b'QUJD',
    b'Bearer ', b'https://api.together.xyz/v1', b'{', b'}', b'x' * 43, b'\xff',
    b'\x1b[31m', b'::', b'\xe2\x80\x8b', b'\x7f', b'+AF8',  # what the scrub's patterns look for
])


_REBUILT: list[tuple[re.Pattern[bytes], re.Pattern[bytes]]] = []


def rebuilt() -> list[tuple[re.Pattern[bytes], re.Pattern[bytes]]]:
    """(built from its program, re.compile's) for each of our patterns."""
    if not _REBUILT:
        for pattern, flags in our_patterns():
            plain = re.compile(pattern, flags)
            program = regex_cache.program_of(pattern, flags, plain)
            assert program is not None, pattern
            _REBUILT.append((regex_cache.build(pattern, program), plain))
    return _REBUILT


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.lists(_ALPHABET, max_size=40).map(b''.join))
def test_cached_programs_match_what_re_compile_matches_on_any_input(text):
    """Each pattern rebuilt from its program finds what ``re.compile``'s
    finds, anywhere."""
    for built, plain in rebuilt():
        subject = _as(plain.pattern)(text)
        assert [m.span() + m.groups() for m in built.finditer(subject)] == \
            [m.span() + m.groups() for m in plain.finditer(subject)]


@pytest.mark.parametrize('damage', [
    'garbage', 'other build', 'refused program', 'wrong shape', 'torn code', 'code as a list',
])
def test_a_damaged_or_foreign_file_is_re_compile(cache, monkeypatch, damage):
    import marshal
    from array import array

    from_cache(monkeypatch)
    key, programs = marshal.loads(cache.read_bytes())
    if damage == 'garbage':
        data = b'\0not marshal' * 10
    elif damage == 'other build':
        data = marshal.dumps((key[:2] + ('2.7.18',) + key[3:], programs))
    elif damage == 'refused program':  # code words _sre's validator refuses
        data = marshal.dumps((key, {
            k: (v[0], array('I', [99999]).tobytes() * (len(v[1]) // 4), *v[2:]) for k, v in programs.items()
        }))
    elif damage == 'torn code':  # not a whole number of code words
        data = marshal.dumps((key, {k: (v[0], v[1][:-1], *v[2:]) for k, v in programs.items()}))
    elif damage == 'code as a list':  # the first format's shape, under this format's key
        data = marshal.dumps((key, {k: (v[0], list(array('I', v[1])), *v[2:]) for k, v in programs.items()}))
    else:
        data = marshal.dumps((key, {k: v[:3] for k, v in programs.items()}))
    cache.write_bytes(data)
    restart(monkeypatch)
    if damage not in ('refused program', 'torn code'):  # (those two are refused when built)
        assert regex_cache._load() == {}  # the file is dropped as it is read, not at each build
        restart(monkeypatch)
    for pattern, flags in our_patterns():
        assert same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))
    regex_cache._save()  # and the next run finds good programs again
    restart(monkeypatch)
    for pattern, flags in our_patterns():
        regex_cache.compile(pattern, flags)
    assert regex_cache._generated == {}


def test_the_file_keeps_each_program_as_its_code_words_in_one_bytes(cache, monkeypatch):
    """A program's code is kept as the bytes of its words, not as a list of
    ints: reading the file then makes no int object a word for programs the
    run never builds (a hook builds ~40 of the ~300 a tree scan leaves
    there).  The words are those ``re``'s compiler generates, and a run
    reading the file builds from them exactly ``re.compile``'s pattern."""
    import marshal
    from array import array
    from re import _compiler  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    built = from_cache(monkeypatch)
    key, programs = marshal.loads(cache.read_bytes())
    assert key == regex_cache._build_key() and key[0] == regex_cache._FORMAT
    for (pattern, flags), regex in zip(our_patterns(), built):
        code = programs[pattern, flags][1]
        assert type(code) is bytes, pattern
        assert list(array('I', code)) == list(_compiler._code(_parser.parse(pattern, flags), flags)), pattern
        assert same(regex, re.compile(pattern, flags)), pattern


def test_a_file_of_other_code_words_is_not_read(cache, monkeypatch):
    """The words' width is part of the file's key: programs kept as 8-byte
    words (another platform's ``unsigned int``) are never read as 4-byte
    ones, where each word would read as two and build another program."""
    monkeypatch.setattr(regex_cache, '_WORD', 'Q')
    for pattern, flags in our_patterns():
        assert same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))
    regex_cache._save()
    assert cache.is_file()
    restart(monkeypatch)
    monkeypatch.setattr(regex_cache, '_WORD', 'I')
    assert regex_cache._load() == {}
    for pattern, flags in our_patterns():
        assert same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))


def test_no_cache_folder_is_only_slower(tmp_path, monkeypatch):
    """A cache folder that cannot be made (a file stands there), or a
    relative XDG_CACHE_HOME: compiled afresh, nothing written, no error."""
    (tmp_path / 'together-hooks').write_text('a file, not a folder')
    for base in (str(tmp_path), 'relative/cache'):
        monkeypatch.setenv('XDG_CACHE_HOME', base)
        restart(monkeypatch)
        for pattern, flags in our_patterns():
            assert same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))
        regex_cache._save()
    assert os.listdir(tmp_path) == ['together-hooks']
    assert not os.path.exists('relative')


def _loaded(monkeypatch) -> bool:
    """Whether a new run takes its programs from the file."""
    restart(monkeypatch)
    for pattern, flags in our_patterns():
        regex_cache.compile(pattern, flags)
    return regex_cache._generated == {}


@pytest.mark.parametrize('where', ['file', 'folder', 'linked folder'])
def test_a_cache_someone_else_could_write_is_not_read(cache, monkeypatch, tmp_path, where):
    """A program is trusted as it is (``_sre`` checks that it is safe to
    run, not that it matches what the rule says): a file or folder others
    can write, or a folder that is a link, is not read (nor written)."""
    from_cache(monkeypatch)
    assert _loaded(monkeypatch)
    folder = cache.parent
    if where == 'file':
        cache.chmod(0o666)
    elif where == 'folder':
        folder.chmod(0o777)
    else:
        folder.rename(tmp_path / 'elsewhere')
        folder.symlink_to(tmp_path / 'elsewhere')
    before = (tmp_path / 'elsewhere' / cache.name).read_bytes() if where == 'linked folder' else None
    assert not _loaded(monkeypatch)
    regex_cache._save()
    if before is not None:  # nothing written through the link
        assert (tmp_path / 'elsewhere' / cache.name).read_bytes() == before
        assert os.listdir(tmp_path / 'elsewhere') == [cache.name]


def test_the_file_reaches_the_disk_before_its_rename(cache, monkeypatch):
    done = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, 'fsync', lambda fd: (done.append('fsync'), real_fsync(fd))[1])
    monkeypatch.setattr(os, 'replace', lambda a, b: (done.append('replace'), real_replace(a, b))[1])
    from_cache(monkeypatch)
    assert done == ['fsync', 'replace']


def test_modes_and_a_stale_temporary_file(cache, monkeypatch):
    """0600 in a folder made 0700 whatever the umask; a temporary file a
    killed run of the same process id left does not stop the write."""
    os.makedirs(cache.parent.parent, exist_ok=True)
    old = os.umask(0)
    try:
        regex_cache.compile(*our_patterns()[0])
        cache.parent.mkdir(mode=0o700)
        stale = f'{cache}.{os.getpid()}.tmp'
        open(stale, 'w').close()
        regex_cache._save()
    finally:
        os.umask(old)
    assert cache.stat().st_mode & 0o777 == 0o600
    assert cache.parent.stat().st_mode & 0o777 == 0o700
    assert regex_cache._generated == {}  # written


def test_concurrent_writers_leave_one_whole_file(cache, monkeypatch):
    """Runs saving at once: every one renames a whole file of its own."""
    import subprocess
    import sys

    script = (
        'from together_hooks import regex_cache\n'
        'from tests.regex_cache_test import our_patterns\n'
        'for p, f in our_patterns(): regex_cache.compile(p, f)\n'
        'for _ in range(20): regex_cache._save(); regex_cache._generated.update(regex_cache._programs)\n'
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, XDG_CACHE_HOME=str(cache.parent.parent), PYTHONPATH=root)
    procs = [subprocess.Popen((sys.executable, '-c', script), env=env, cwd=root) for _ in range(4)]
    assert [p.wait(timeout=120) for p in procs] == [0] * 4
    assert os.listdir(cache.parent) == [cache.name]  # no temporary file left
    assert _loaded(monkeypatch)


@pytest.mark.parametrize('what', ['fifo', 'endless device'])
def test_a_cache_file_that_is_no_regular_file_never_stalls_a_hook(cache, tmp_path, what):
    """The cache path is a FIFO nobody writes to (reading would hang every
    commit) or a link to /dev/zero (reading never ends, memory grows): the
    hook compiles afresh and finishes."""
    import subprocess
    import sys

    cache.parent.mkdir(parents=True)
    if what == 'fifo':
        os.mkfifo(cache)
    else:
        os.symlink('/dev/zero', cache)
    (tmp_path / 'app.py').write_text('import together  # keyword: the rules compile\nkey = "tgp_v1_" + os.environ["K"]\n')
    proc = subprocess.run(
        [sys.executable, '-m', 'together_hooks.hooks.detect_together_keys', 'app.py'],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, 'XDG_CACHE_HOME': str(cache.parent.parent)},
    )
    assert (proc.returncode, proc.stderr) == (0, '')


def test_cached_builds_each_pattern_once_per_process(cache, monkeypatch):
    """``cached`` is ``compile`` once: the same object each time, a str and
    a bytes pattern of the same text apart (never compared: ``-bb``)."""
    text = regex_cache.cached(r'[a-z]+')
    assert regex_cache.cached(r'[a-z]+') is text
    assert text == re.compile(r'[a-z]+')
    raw = regex_cache.cached(rb'[a-z]+')
    assert raw is not text and raw == re.compile(rb'[a-z]+')
    assert regex_cache.cached(r'[a-z]+', re.I) == re.compile(r'[a-z]+', re.I)


def test_a_program_generated_in_a_run_is_not_generated_again(cache, monkeypatch):
    """A pattern not in the file, compiled again in the same run (a hot
    path's ``compile``: ``csvrow``'s header cell, once a header line, 14,112
    times in one scan of the accuracy sets) is built from the program this
    run generated, not parsed and generated again in pure Python each
    time (~0.11 ms a call against ~0.001: 2 of a 9 CPU-s scan); a pattern
    the file lacks and ``re.compile`` alone gives is still that."""
    generated = []
    program_of = regex_cache.program_of

    def counted(pattern, flags, compiled):
        generated.append(pattern)
        return program_of(pattern, flags, compiled)

    monkeypatch.setattr(regex_cache, 'program_of', counted)
    first = regex_cache.compile(r'(?i:a[0-9]+b)')
    again = [regex_cache.compile(r'(?i:a[0-9]+b)') for _ in range(3)]
    assert generated == [r'(?i:a[0-9]+b)']
    assert all(same(p, re.compile(r'(?i:a[0-9]+b)')) for p in [first, *again])
    assert again[0].fullmatch('A12B') and not again[0].fullmatch('ab')
    decoy = regex_cache.compile(r'(?i:c[0-9]+d)')  # another pattern: its own program
    assert generated == [r'(?i:a[0-9]+b)', r'(?i:c[0-9]+d)'] and same(decoy, re.compile(r'(?i:c[0-9]+d)'))


def test_a_full_file_still_takes_a_new_versions_programs(cache, monkeypatch):
    """Every run writes back what the file held: programs of patterns an
    earlier version had stay until the file holds ``_MAX_ENTRIES``.  From
    then on the programs of the patterns this version compiles must still
    be kept (else every blocked commit generates them again, for good):
    the file then keeps what this run built or generated, and drops the
    rest."""
    import marshal

    from_cache(monkeypatch)
    key, ours = marshal.loads(cache.read_bytes())
    program = next(iter(ours.values()))
    stale = {(f'old pattern {i}', 0): program for i in range(regex_cache._MAX_ENTRIES)}
    cache.write_bytes(marshal.dumps((key, stale)))
    restart(monkeypatch)
    used = [regex_cache.compile(p, f) for p, f in our_patterns()]  # none in the file
    assert len(regex_cache._generated) == len(our_patterns())
    regex_cache._save()
    _, programs = marshal.loads(cache.read_bytes())
    assert set(our_patterns()) <= set(programs)
    assert len(programs) <= regex_cache._MAX_ENTRIES
    restart(monkeypatch)  # the next run builds every one from the file
    for (pattern, flags), plain in zip(our_patterns(), used):
        assert same(regex_cache.compile(pattern, flags), plain)
    assert regex_cache._generated == {}
    regex_cache._save()  # nothing generated: the file stays as it is
    assert marshal.loads(cache.read_bytes())[1] == programs


def test_a_tree_past_a_megabyte_builds_the_grouped_searches_from_the_cache(cache, monkeypatch):
    """The keyword screen's grouped searches (``prefilter._group_search``)
    come from the cache in a run after the first: generating their
    programs cost a 1.8 MB tree (flask's) 6% of its scan."""
    import re._compiler

    from together_hooks.detect import prefilter

    from_cache(monkeypatch)
    generated = []
    real = re._compiler.compile
    monkeypatch.setattr(re._compiler, 'compile', lambda p, flags=0: generated.append(p) or real(p, flags))
    re.purge()
    screen = prefilter.Keywords(engine.keyword_screen(RULES).keywords)
    where = screen._where_grouped()
    assert len(grouped_searches()) >= 5
    assert generated == []
    keyword = screen.keywords[0]
    text = b'x' * 4096 + keyword + b' ' + b'y' * 4096
    assert where(text).offsets(keyword) == [4096]


def _screen_databases(monkeypatch):
    """The keyword screen's two hyperscan routes as a run builds them
    (``prefilter.hyperscan_routes``, ``_hyperscan_head``), and the
    databases it compiled for them (not loaded from the cache)."""
    from together_hooks.detect import prefilter

    hyperscan = prefilter.hyperscan_module()
    compiled = []
    real = hyperscan.Database
    monkeypatch.setattr(hyperscan, 'Database', lambda **kw: compiled.append(kw) or real(**kw))
    routes = prefilter.hyperscan_routes(engine.keyword_screen(RULES).needles)
    head = prefilter._hyperscan_head()
    monkeypatch.setattr(hyperscan, 'Database', real)
    assert routes is not None and head is not None
    return routes, head, compiled


def _same_routes(routes, head) -> None:
    """Every needle found where it is, and the head test as the passes."""
    from together_hooks.detect import prefilter

    needles = engine.keyword_screen(RULES).needles
    text = b' '.join(b'x' * (i % 7) + n for i, n in enumerate(needles))
    where, present = routes
    found = where(text)
    at = 0
    for i, needle in enumerate(needles):
        at = text.index(needle, at + (i % 7) if i else 0)
        assert at in found.offsets(needle), needle
    assert present(text) and not present(b'nothing to see here ' * 50)
    for sample in (b'<~87cURD]i,"Ebo80~>', b'A' * 80, b'plain words\n' * 20, b'A' * 30 + b' ' + b'A' * 30):
        assert head(sample) == prefilter._may_start_block(sample), sample


def test_the_screens_hyperscan_databases_load_from_the_cache(cache, monkeypatch):
    """Compiling the screen's hyperscan databases cost a tree scan ~20 ms
    of CPU; a run after the first loads them (``hyperscan.loadb``) and
    finds what the compiled ones find."""
    pytest.importorskip('hyperscan')
    routes, head, compiled = _screen_databases(monkeypatch)
    assert len(compiled) == 2
    _same_routes(routes, head)
    regex_cache._save_blobs()
    kept = cache.parent / regex_cache._BLOBS_NAME
    assert kept.stat().st_mode & 0o777 == 0o600
    restart(monkeypatch)
    routes, head, compiled = _screen_databases(monkeypatch)
    assert compiled == []
    _same_routes(routes, head)
    assert regex_cache._new_blobs == {}  # nothing new to write


@pytest.mark.parametrize('damage', ['flipped bit', 'garbage', 'other build', 'not a database', 'others can write'])
def test_a_damaged_kept_database_is_compiled_afresh(cache, monkeypatch, damage):
    """A kept database whose CRC fails, a file of another build or of
    garbage, bytes hyperscan refuses, a file others can write: compiled
    afresh, the same needles found, and good ones written for the next run."""
    import marshal
    import zlib

    pytest.importorskip('hyperscan')
    _screen_databases(monkeypatch)
    regex_cache._save_blobs()
    kept = cache.parent / regex_cache._BLOBS_NAME
    key, held = marshal.loads(kept.read_bytes())
    if damage == 'flipped bit':
        # A byte of the header's platform field: hyperscan's own check
        # (loadb) takes it flipped, the kept CRC does not.
        held = {k: (crc, v[:24] + bytes([v[24] ^ 1]) + v[25:]) for k, (crc, v) in held.items()}
        kept.write_bytes(marshal.dumps((key, held)))
    elif damage == 'garbage':
        kept.write_bytes(b'\0not marshal' * 10)
    elif damage == 'other build':
        kept.write_bytes(marshal.dumps((key[:3] + ('2.7.18',) + key[4:], held)))
    elif damage == 'not a database':
        junk = b'\x14\x13\x00\x00' + bytes(300)
        kept.write_bytes(marshal.dumps((key, {k: (zlib.crc32(junk), junk) for k in held})))
    else:
        kept.chmod(0o666)
    restart(monkeypatch)
    routes, head, compiled = _screen_databases(monkeypatch)
    assert len(compiled) == 2
    _same_routes(routes, head)
    if damage == 'others can write':
        kept.chmod(0o600)
    regex_cache._save_blobs()
    restart(monkeypatch)
    assert _screen_databases(monkeypatch)[2] == []
